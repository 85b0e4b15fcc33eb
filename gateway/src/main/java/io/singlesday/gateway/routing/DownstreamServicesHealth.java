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
 * Whether each service behind the gateway is ready, asked in parallel with a short timeout. It sits in its
 * own health group ({@code /actuator/health/services}), not in the gateway's liveness or readiness: one
 * service down must not take the front door out of rotation.
 */
@Component("services")
public class DownstreamServicesHealth implements ReactiveHealthIndicator {

    private final Map<String, String> services;
    private final WebClient client;

    public DownstreamServicesHealth(ServiceAddresses addresses, WebClient.Builder builder) {
        this.services = addresses.services();
        this.client = builder.build();
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
                .map(states -> (states.containsValue("DOWN") ? Health.down() : Health.up())
                        .withDetails(states).build());
    }

    @ConfigurationProperties("festival")
    public record ServiceAddresses(Map<String, String> services) {
    }
}
