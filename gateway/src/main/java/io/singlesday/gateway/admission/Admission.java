package io.singlesday.gateway.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.RetryAdvice;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One concurrency limiter per service behind the gateway (Netflix concurrency-limits). Each guarantees every
 * priority its share of the limit; once the limit is reached, a request is admitted only while its own priority is
 * within its share, so reads are shed while checkouts still get in. A refused request has touched nothing.
 */
@Component
public class Admission {

    private final AdmissionProperties settings;
    private final Map<String, AbstractLimiter<Priority>> limiters = new TreeMap<>();
    private final Map<String, Map<Priority, Counter[]>> counters = new TreeMap<>();
    private final Map<String, RetryAdvice> retryAdvice = new TreeMap<>();

    /** However much is shed, a caller is not told to stay away longer than this. */
    static final int MAX_RETRY_AFTER_SECONDS = 10;

    public Admission(AdmissionProperties settings, MeterRegistry meters) {
        this.settings = settings;
        for (String service : Priority.SERVICES) {
            AbstractLimiter<Priority> limiter = (AbstractLimiter<Priority>) new PartitionedBuilder()
                    .named(service)
                    .limit(limit(settings))
                    .partitionResolver(Priority::name)
                    .partition(Priority.CHECKOUT.name(), settings.checkoutShare())
                    .partition(Priority.WRITE.name(), settings.writeShare())
                    .partition(Priority.READ.name(), settings.readShare())
                    .build();
            limiters.put(service, limiter);
            retryAdvice.put(service, new RetryAdvice(settings.retryAfterSeconds(), MAX_RETRY_AFTER_SECONDS));
            Gauge.builder("festival.gateway.admission.limit", limiter, AbstractLimiter::getLimit).tag("service", service)
                    .description("requests the gateway lets into this service at once").register(meters);
            Gauge.builder("festival.gateway.admission.inflight", limiter, AbstractLimiter::getInflight).tag("service", service)
                    .register(meters);
            Map<Priority, Counter[]> byPriority = new EnumMap<>(Priority.class);
            for (Priority p : new Priority[]{Priority.CHECKOUT, Priority.WRITE, Priority.READ}) {
                byPriority.put(p, new Counter[]{
                        meters.counter("festival.gateway.admission", "service", service, "priority", p.name().toLowerCase(), "outcome", "admitted"),
                        meters.counter("festival.gateway.admission", "service", service, "priority", p.name().toLowerCase(), "outcome", "shed")});
            }
            counters.put(service, byPriority);
        }
    }

    /** The library's partitioned limiter, which it builds from a builder it leaves to the caller to name. */
    private static final class PartitionedBuilder extends AbstractPartitionedLimiter.Builder<PartitionedBuilder, Priority> {
        @Override
        protected PartitionedBuilder self() {
            return this;
        }
    }

    private static Limit limit(AdmissionProperties settings) {
        return switch (settings.algorithm()) {
            case FIXED -> FixedLimit.of(settings.initialLimit());
            case ADAPTIVE -> Gradient2Limit.newBuilder().initialLimit(settings.initialLimit()).minLimit(settings.minLimit())
                    .maxConcurrency(settings.maxLimit()).build();
        };
    }

    /** A permit for the request, or empty when it must be shed. */
    Optional<Limiter.Listener> tryAdmit(String service, Priority priority) {
        AbstractLimiter<Priority> limiter = limiters.get(service);
        Optional<Limiter.Listener> permit = limiter.acquire(priority);
        counters.get(service).get(priority)[permit.isPresent() ? 0 : 1].increment();
        RetryAdvice advice = retryAdvice.get(service);
        if (permit.isPresent()) {
            advice.admitted();
        } else {
            advice.refused();
        }
        return permit;
    }

    /** What a request shed from this service is told to wait: longer while much of its traffic is being shed. */
    int retryAfterSeconds(String service) {
        return retryAdvice.get(service).seconds();
    }

    /** What operators read: each service's current limit, work in flight, and what was admitted and shed. */
    public Map<String, Object> view() {
        Map<String, Object> services = new LinkedHashMap<>();
        limiters.forEach((service, limiter) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("limit", limiter.getLimit());
            figures.put("inflight", limiter.getInflight());
            figures.put("shedShare", Math.round(retryAdvice.get(service).refusedShare() * 100) / 100.0);
            Map<String, Object> byPriority = new LinkedHashMap<>();
            counters.get(service).forEach((p, c) -> byPriority.put(p.name().toLowerCase(),
                    Map.of("admitted", (long) c[0].count(), "shed", (long) c[1].count())));
            figures.put("priorities", byPriority);
            services.put(service, figures);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", settings.enabled());
        view.put("algorithm", settings.algorithm().name().toLowerCase());
        view.put("shares", Map.of("checkout", settings.checkoutShare(), "write", settings.writeShare(), "read", settings.readShare()));
        view.put("services", services);
        return view;
    }
}
