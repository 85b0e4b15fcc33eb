package io.singlesday.order.saga;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the sagas already running well inside their participant time-out: when the median checkout still in flight
 * (across every instance, read from the database) has waited longer than {@code order.saga.backlog-refuse-after}
 * (3 s; it must be shorter than the time-out), and enough are
 * in flight for that to be a queue rather than one slow participant, a new checkout is refused with 429 and a
 * Retry-After before anything is written. So what was admitted is not cancelled because of load; the shopper comes
 * back with the same Idempotency-Key. The reading is at most {@code REFRESH} old and costs one indexed query.
 */
@Component
public class SagaBacklog {

    private static final long REFRESH_NANOS = Duration.ofMillis(200).toNanos();

    private final JdbcClient sql;
    private final long thresholdMillis;
    private final int minimumInFlight;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile long readAt = System.nanoTime() - REFRESH_NANOS;
    private volatile Reading last = new Reading(0, 0);

    record Reading(long inFlight, long medianAgeMillis) {
    }

    public SagaBacklog(JdbcClient sql, SagaProperties saga, MeterRegistry meters,
                       @org.springframework.beans.factory.annotation.Value("${order.saga.backlog-min-in-flight:32}") int minimumInFlight,
                       @org.springframework.beans.factory.annotation.Value("${order.saga.backlog-refuse-after:3s}") Duration refuseAfter) {
        if (minimumInFlight < 1) {
            throw new IllegalArgumentException("order.saga.backlog-min-in-flight must be at least 1, not " + minimumInFlight);
        }
        this.sql = sql;
        if (refuseAfter.isNegative() || refuseAfter.isZero() || refuseAfter.compareTo(saga.participantTimeout()) >= 0) {
            throw new IllegalArgumentException("order.saga.backlog-refuse-after must be positive and shorter than the participant "
                    + "time-out (" + saga.participantTimeout() + "), not " + refuseAfter);
        }
        this.thresholdMillis = refuseAfter.toMillis();
        this.minimumInFlight = minimumInFlight;
        Gauge.builder("festival.orders.checkout.sagas.in.flight", this, b -> b.last.inFlight()).register(meters);
        Gauge.builder("festival.orders.checkout.sagas.median.age", this, b -> b.last.medianAgeMillis() / 1000.0).baseUnit("seconds")
                .register(meters);
    }

    /** Throws a 429 problem when the backlog is near the time-out; otherwise returns at once. */
    public void admitNewCheckout() {
        Reading now = current();
        if (now.inFlight() >= minimumInFlight && now.medianAgeMillis() > thresholdMillis) {
            long seconds = Math.max(1, Math.min(10, Math.round(now.medianAgeMillis() / 1000.0)));
            ApiProblem busy = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Checkouts are queueing (" + now.inFlight()
                    + " in flight); nothing was placed. Retry after " + seconds + " s with the same Idempotency-Key");
            busy.getHeaders().set("Retry-After", String.valueOf(seconds));
            throw busy;
        }
    }

    Reading current() {
        if (System.nanoTime() - readAt >= REFRESH_NANOS && reading.compareAndSet(false, true)) {
            try {
                last = sql.sql("""
                        select count(*), coalesce(extract(epoch from now() - percentile_disc(0.5) within group (order by created_at)) * 1000, 0)
                        from checkouts where state in ('AWAITING_PARTICIPANTS', 'PAYING')""")
                        .query((rs, n) -> new Reading(rs.getLong(1), rs.getLong(2))).single();
                readAt = System.nanoTime();
            } finally {
                reading.set(false);
            }
        }
        return last;
    }
}
