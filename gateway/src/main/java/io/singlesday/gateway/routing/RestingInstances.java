package io.singlesday.gateway.routing;

import org.springframework.cloud.client.ServiceInstance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances whose connection failed lately (refused, reset, closed before the answer), left out of the choice for a short rest (passive outlier ejection, as a
 * service mesh does it): a killed replica costs one failed connection, and the repeat of that request, not one in
 * every N requests until a health check notices. When every instance of a service rests, all are offered again:
 * resting is a preference, never a reason to answer 503 by itself.
 */
public final class RestingInstances {

    private final Duration rest;
    private final Clock clock;
    private final Map<String, Instant> restingUntil = new ConcurrentHashMap<>();

    public RestingInstances(Duration rest, Clock clock) {
        if (rest.isNegative() || rest.isZero()) {
            throw new IllegalArgumentException("festival.gateway.failover.rest must be positive, not " + rest);
        }
        this.rest = rest;
        this.clock = clock;
    }

    public void refusedConnection(ServiceInstance instance) {
        restingUntil.put(key(instance), clock.instant().plus(rest));
    }

    /** The instances to choose among now: those not resting, or all of them if none is awake. */
    public List<ServiceInstance> awake(List<ServiceInstance> instances) {
        Instant now = clock.instant();
        List<ServiceInstance> awake = instances.stream().filter(i -> {
            Instant until = restingUntil.get(key(i));
            return until == null || !now.isBefore(until);
        }).toList();
        return awake.isEmpty() ? instances : awake;
    }

    private static String key(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }
}
