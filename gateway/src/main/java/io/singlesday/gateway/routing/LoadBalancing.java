package io.singlesday.gateway.routing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Spring Cloud LoadBalancer over the configured addresses ({@link ServiceAddresses}): round robin among a service's
 * instances that are awake ({@link RestingInstances}); an instance whose connection failed (refused, reset, closed
 * before the answer) rests for {@code festival.gateway.failover.rest}. No registry and no health polling: the
 * addresses are configuration, and a failed connection is the cheapest and quickest sign that an instance is gone.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ServiceLoadBalancer.class)
public class LoadBalancing {

    @Bean
    RestingInstances restingInstances(@Value("${festival.gateway.failover.rest:2s}") Duration rest) {
        return new RestingInstances(rest, Clock.systemUTC());
    }

    /**
     * A failure of the connection itself (refused, reset, closed before the answer): the sign of an instance that is
     * gone or going. A healthy instance that closed one kept-alive connection rests 2 s for nothing, which costs
     * nothing while another is awake; sending the next requests down a dead one's pooled connections costs a request.
     */
    static boolean connectionFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
