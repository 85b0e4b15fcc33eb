package io.singlesday.order.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.RetryAdvice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Bounds the checkouts this instance has placed whose saga has not settled yet, by Little's law
 * ({@link LittleLimit}: the rate sagas settle at times the target saga time). Past capacity a new checkout is refused
 * with 429 and a jittered Retry-After (longer while much is refused, {@link RetryAdvice}) before anything is written, so what was admitted keeps to the target instead
 * of every saga slowing down together until they time out. Every saga settled on this instance counts towards the
 * rate; a place is given back when the saga settles here, when the checkout is not placed after all, or, for a saga
 * another instance settled or whose outcome this one never saw, at the next reconcile.
 */
@Component
public class SagaAdmission {

    private static final Duration RECONCILE_AFTER = Duration.ofSeconds(2);

    private final SagaAdmissionProperties settings;
    private final JdbcClient sql;
    private final LongSupplier nanoClock;
    private final long forgetAfterNanos;
    private final LittleLimit limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, Long> started = new ConcurrentHashMap<>();
    private final Counter shed;
    private final RetryAdvice retryAdvice;

    @Autowired
    public SagaAdmission(SagaAdmissionProperties settings, SagaProperties saga, JdbcClient sql, MeterRegistry meters) {
        this(settings, saga, sql, meters, System::nanoTime);
    }

    SagaAdmission(SagaAdmissionProperties settings, SagaProperties saga, JdbcClient sql, MeterRegistry meters,
                  LongSupplier nanoClock) {
        this.settings = settings;
        this.sql = sql;
        this.nanoClock = nanoClock;
        // Past three participant time-outs a saga is settled or stuck; either way it no longer holds a place.
        this.forgetAfterNanos = saga.participantTimeout().multipliedBy(3).toNanos();
        this.retryAdvice = new RetryAdvice(settings.retryAfterSeconds(), 10);
        this.limit = new LittleLimit(settings.initialLimit(), settings.minLimit(), settings.maxLimit(), settings.targetFactor(),
                settings.minTargetSagaTime(), settings.maxTargetSagaTime());
        this.shed = Counter.builder("festival.orders.checkout.admission.shed")
                .description("new checkouts refused because this instance's sagas were at their limit").register(meters);
        Gauge.builder("festival.orders.checkout.admission.limit", limit, LittleLimit::limit)
                .description("sagas this instance lets run at once").register(meters);
        Gauge.builder("festival.orders.checkout.admission.inflight", inFlight, AtomicInteger::get)
                .description("sagas this instance placed that have not settled").register(meters);
    }

    /** What operators read: the limit in force and what it follows from, the sagas holding a place, the refused. */
    public record View(boolean enabled, long unloadedSagaTimeMillis, long minTargetSagaTimeMillis, long targetSagaTimeMillis,
                       double settledPerSecond, int limit, int inFlight, long shedSinceStart) {
    }

    public View view() {
        return new View(settings.enabled(), limit.unloaded().toMillis(), limit.minTarget().toMillis(),
                limit.target().toMillis(), Math.round(limit.rate() * 10) / 10.0, limit.limit(), inFlight.get(),
                (long) shed.count());
    }

    /** Changes this instance's minimum target at once; the limit follows from the next measurement. */
    public View minTarget(Duration target) {
        limit.minTarget(target);
        return view();
    }

    int limit() {
        return limit.limit();
    }

    /**
     * Takes a place for the checkout about to be placed, or throws a 429 problem when there is none. The caller
     * gives the place back with {@link #abandon} when the checkout is not placed after all.
     */
    public void admit(UUID checkoutId) {
        if (!settings.enabled()) {
            return;
        }
        for (int now = inFlight.get(); ; now = inFlight.get()) {
            if (now >= limit.limit()) {
                shed.increment();
                limit.refused();
                retryAdvice.refused();
                int seconds = retryAdvice.seconds();
                ApiProblem busy = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Checkouts are at capacity (" + now
                        + " in flight); nothing was placed. Retry after " + seconds + " s with the same Idempotency-Key");
                busy.getHeaders().set("Retry-After", String.valueOf(seconds));
                throw busy;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                retryAdvice.admitted();
                started.put(checkoutId, nanoClock.getAsLong());
                return;
            }
        }
    }

    /** The checkout was not placed (refused by a later check, or a concurrent retry placed it). */
    public void abandon(UUID checkoutId) {
        release(checkoutId);
    }

    /** A saga settled on this instance: it counts towards the rate, and gives back its place if it held one here. */
    void settled(UUID checkoutId, Instant createdAt) {
        long now = nanoClock.getAsLong();
        Long start = started.remove(checkoutId);
        if (start != null) {
            inFlight.decrementAndGet();
        } else {
            start = now - Math.max(0, Duration.between(createdAt, Instant.now()).toNanos());
        }
        limit.settled(now, Math.max(1, now - start));
    }

    private void release(UUID checkoutId) {
        if (started.remove(checkoutId) != null) {
            inFlight.decrementAndGet();
        }
    }

    /** Gives back the places of sagas another instance settled, and of any held past all reason. */
    @Scheduled(fixedDelayString = "${order.saga.admission.reconcile-every:1s}")
    void reconcile() {
        long now = nanoClock.getAsLong();
        List<UUID> old = started.entrySet().stream()
                .filter(e -> now - e.getValue() > RECONCILE_AFTER.toNanos()).map(Map.Entry::getKey).toList();
        if (old.isEmpty()) {
            return;
        }
        sql.sql("select id from checkouts where id = any(?) and state not in ('AWAITING_PARTICIPANTS', 'PAYING')")
                .param(old.toArray(UUID[]::new)).query(UUID.class).list().forEach(this::release);
        old.stream().filter(id -> {
            Long start = started.get(id);
            return start != null && now - start > forgetAfterNanos;
        }).forEach(this::release);
    }
}
