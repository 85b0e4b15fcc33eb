package io.singlesday.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceAddresses.class)
public class RoutingConfiguration {

    /**
     * Spring Cloud CircuitBreaker wraps every route in a bulkhead of 25 concurrent calls by default: a checkout
     * rush queues far more than that (the checkout benchmark found it answering 503s at 100 per second). The
     * bound that matters is the connection pool; the bulkhead only keeps one service from taking all of it.
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheadPerService(
            @Value("${festival.gateway.max-concurrent-calls-per-service:1000}") int maxConcurrentCalls) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(Duration.ZERO).build())
                .build());
    }
}
