package io.singlesday.platform.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Instant;

/**
 * When this process started and how often its supervisor had started the service again before it ({@code
 * festival.process.restarts}: the local launcher passes {@code FESTIVAL_RESTARTS} to a restart; Kubernetes counts its
 * own). Always up: it reports, it does not judge. In the readiness group, so the gateway's
 * {@code /actuator/health/services}, which asks every instance for its readiness, shows the restarts.
 */
public class ProcessHealth implements HealthIndicator {

    private final Instant startedAt = Instant.now();
    private final int restarts;

    public ProcessHealth(int restarts) {
        if (restarts < 0) {
            throw new IllegalArgumentException("festival.process.restarts cannot be negative, not " + restarts);
        }
        this.restarts = restarts;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("restarts", restarts).withDetail("startedAt", startedAt.toString()).build();
    }
}
