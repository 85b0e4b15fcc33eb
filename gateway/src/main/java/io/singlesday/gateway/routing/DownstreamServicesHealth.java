package io.singlesday.gateway.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each service behind the gateway is ready, every instance asked in parallel with a short timeout. Shown at
 * {@code /actuator/health/services}: {@code UP} when all of a service's instances are, {@code DOWN} when none is, and
 * how many are otherwise ({@code 1 of 2 UP}). A service or an instance that is down makes it DEGRADED, which still
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
                .flatMap(service -> Flux.fromIterable(service.getValue())
                        .flatMap(this::ready)
                        .filter(Boolean::booleanValue).count()
                        .map(up -> Map.entry(service.getKey(), state(up, service.getValue().size()))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(states -> (states.values().stream().allMatch("UP"::equals) ? Health.up() : Health.status(DEGRADED))
                        .withDetails(states).build());
    }

    private Mono<Boolean> ready(URI instance) {
        return client.get().uri(instance + "/actuator/health/readiness")
                .retrieve().toBodilessEntity()
                .map(response -> true)
                .timeout(Duration.ofSeconds(2))
                .onErrorResume(e -> Mono.just(false));
    }

    static String state(long up, int of) {
        return up == of ? "UP" : up == 0 ? "DOWN" : up + " of " + of + " UP";
    }
}
