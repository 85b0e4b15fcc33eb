package io.singlesday.gateway.routing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;

/**
 * Spring Cloud LoadBalancer over the configured addresses ({@link ServiceAddresses}): round robin among a service's
 * instances that are awake ({@link RestingInstances}); an instance that refuses a connection rests for
 * {@code festival.gateway.failover.rest}. No registry and no health polling: the addresses are configuration, and a
 * refused connection is the cheapest and quickest sign that an instance is gone.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ServiceLoadBalancer.class)
public class LoadBalancing {

    @Bean
    RestingInstances restingInstances(@Value("${festival.gateway.failover.rest:2s}") Duration rest) {
        return new RestingInstances(rest, Clock.systemUTC());
    }

    static boolean refusedConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
