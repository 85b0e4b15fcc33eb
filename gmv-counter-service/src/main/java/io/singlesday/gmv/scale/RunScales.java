package io.singlesday.gmv.scale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The scale a run of the day announced: how many orders its whole day holds if it keeps up with last year's curve,
 * and what it calls itself ("2019 at 1:6,000,000 in orders, 60x"). Kept in the counter's own database, so every
 * instance compares with the same curve and a restart keeps it; each instance reads it at most once a second.
 */
@Service
public class RunScales {

    private static final Duration FRESH = Duration.ofSeconds(1);

    public record RunScale(long dayOrders, String basis, Instant setAt, String setBy) {
    }

    private record Cached(Optional<RunScale> scale, Instant readAt) {
    }

    private final JdbcClient sql;
    private final Clock wall = Clock.systemUTC();
    private volatile Cached cached = new Cached(Optional.empty(), Instant.EPOCH);

    public RunScales(JdbcClient sql) {
        this.sql = sql;
    }

    public Optional<RunScale> current() {
        Cached seen = cached;
        if (seen.readAt().plus(FRESH).isAfter(wall.instant())) {
            return seen.scale();
        }
        Optional<RunScale> scale = sql.sql("select day_orders, basis, set_at, set_by from run_scale where id = 1")
                .query((rs, n) -> new RunScale(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .optional();
        cached = new Cached(scale, wall.instant());
        return scale;
    }

    public RunScale announce(long dayOrders, String basis, String by) {
        RunScale scale = new RunScale(dayOrders, basis, wall.instant(), by);
        sql.sql("""
                insert into run_scale (id, day_orders, basis, set_at, set_by) values (1, ?, ?, ?, ?)
                on conflict (id) do update set day_orders = excluded.day_orders, basis = excluded.basis,
                  set_at = excluded.set_at, set_by = excluded.set_by""")
                .params(dayOrders, basis, Timestamp.from(scale.setAt()), by).update();
        cached = new Cached(Optional.of(scale), wall.instant());
        return scale;
    }

    public void withdraw() {
        sql.sql("delete from run_scale").update();
        cached = new Cached(Optional.empty(), wall.instant());
    }
}
