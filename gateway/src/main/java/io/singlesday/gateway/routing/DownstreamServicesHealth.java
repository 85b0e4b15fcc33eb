package io.singlesday.gateway.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each service behind the gateway is ready, every instance asked in parallel with a short timeout. Shown at
 * {@code /actuator/health/services}: {@code UP} when all of a service's instances are, {@code DOWN} when none is, and
 * how many are otherwise ({@code 1 of 2 UP}); under {@code restarts}, how often the services' processes were started
 * again by a supervisor (what each instance reports). A service or an instance that is down makes it DEGRADED, which still
 * answers 200 and stays out of liveness and readiness: one service down must not take the front door out of rotation.
 */
@Component("downstreamServices")
public class DownstreamServicesHealth implements ReactiveHealthIndicator {

    /** Some service is down: the gateway itself still works and answers 503 for that service's routes. */
    public static final String DEGRADED = "DEGRADED";

    private final Map<String, List<URI>> services;
    private final WebClient client;

    public DownstreamServicesHealth(ServiceAddresses addresses) {
        this.services = addresses.instances();
        this.client = WebClient.create();
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> Flux.fromIterable(service.getValue()).flatMap(this::readiness).collectList()
                        .map(instances -> new ServiceState(service.getKey(), instances)))
                .collectList()
                .map(states -> {
                    Map<String, Object> details = new TreeMap<>();
                    Map<String, Integer> restarts = new TreeMap<>();
                    states.forEach(s -> {
                        details.put(s.name(), state(s.up(), s.instances().size()));
                        if (s.restarts() > 0) {
                            restarts.put(s.name(), s.restarts());
                        }
                    });
                    if (!restarts.isEmpty()) {
                        details.put("restarts", restarts);
                    }
                    boolean allUp = states.stream().allMatch(s -> s.up() == s.instances().size());
                    return (allUp ? Health.up() : Health.status(DEGRADED)).withDetails(details).build();
                });
    }

    /** One instance's answer: ready or not, and the restarts its process reports (its readiness's process component). */
    private Mono<Readiness> readiness(URI instance) {
        return client.get().uri(instance + "/actuator/health/readiness")
                .retrieve().bodyToMono(JsonNode.class)
                .map(body -> new Readiness(true, body.path("components").path("process").path("details").path("restarts").asInt(0)))
                .timeout(Duration.ofSeconds(2))
                .onErrorResume(e -> Mono.just(new Readiness(false, 0)));
    }

    private record Readiness(boolean ready, int restarts) {
    }

    private record ServiceState(String name, List<Readiness> instances) {

        long up() {
            return instances.stream().filter(Readiness::ready).count();
        }

        int restarts() {
            return instances.stream().mapToInt(Readiness::restarts).sum();
        }
    }

    static String state(long up, int of) {
        return up == of ? "UP" : up == 0 ? "DOWN" : up + " of " + of + " UP";
    }
}
