package io.singlesday.catalog.onboarding;

import io.singlesday.contracts.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The 90-day incubation a store enters when it opens, with its 1,000,000 RMB GMV target. */
@Service
public class Incubation {

    /** 1,000,000 RMB in fen. */
    public static final long TARGET_FEN = 100_000_000L;

    private final JdbcClient sql;
    private final Clock festivalClock;

    public Incubation(JdbcClient sql, Clock festivalClock) {
        this.sql = sql;
        this.festivalClock = festivalClock;
    }

    public record Progress(UUID brandId, Instant startedAt, Instant endsAt, Money target, Money gmv, int percent,
                           long daysLeft, boolean targetReached) {
    }

    public Optional<Progress> of(UUID brandId) {
        Instant now = festivalClock.instant();
        return sql.sql("select started_at, ends_at, target_fen, gmv_fen, reached_at from incubations where brand_id = ?")
                .param(brandId)
                .query((rs, n) -> {
                    long target = rs.getLong(3);
                    long gmv = rs.getLong(4);
                    Instant ends = rs.getTimestamp(2).toInstant();
                    return new Progress(brandId, rs.getTimestamp(1).toInstant(), ends, Money.fen(target), Money.fen(gmv),
                            (int) Math.min(100, gmv * 100 / target),
                            Math.max(0, java.time.Duration.between(now, ends).toDays()), rs.getTimestamp(5) != null);
                })
                .optional();
    }
}
