package io.singlesday.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether each service behind the gateway is ready, asked in parallel with a short timeout. Shown at
 * {@code /actuator/health/services}; a service that is down makes it DEGRADED, which still answers 200 and
 * stays out of liveness and readiness: one service down must not take the front door out of rotation.
 */
@Component("downstreamServices")
public class DownstreamServicesHealth implements ReactiveHealthIndicator {

    /** Some service is down: the gateway itself still works and answers 503 for that service's routes. */
    public static final String DEGRADED = "DEGRADED";

    private final Map<String, String> services;
    private final WebClient client;

    public DownstreamServicesHealth(ServiceAddresses addresses) {
        this.services = addresses.services();
        this.client = WebClient.create();
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(entry -> client.get().uri(entry.getValue() + "/actuator/health/readiness")
                        .retrieve().toBodilessEntity()
                        .map(response -> Map.entry(entry.getKey(), "UP"))
                        .timeout(Duration.ofSeconds(2))
                        .onErrorResume(e -> Mono.just(Map.entry(entry.getKey(), "DOWN"))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                .map(states -> (states.containsValue("DOWN") ? Health.status(DEGRADED) : Health.up())
                        .withDetails(states).build());
    }

    @ConfigurationProperties("festival")
    public record ServiceAddresses(Map<String, String> services) {
    }
}
