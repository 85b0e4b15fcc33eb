package io.singlesday.livestream.drop;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A drop on air in a live session, written straight to the tables: what allocator tests and benchmarks start from. */
public final class LiveDrops {

    private LiveDrops() {
    }

    public static DropAllocator.Terms onAir(JdbcTemplate jdbc, int quantity, int perViewerLimit) {
        UUID channel = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        UUID drop = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into channels (id, name, kol, created_at) values (?, 'Cakes', 'Viya', ?)", channel, now);
        jdbc.update("insert into sessions (id, channel_id, title, kind, state, scheduled_start) values (?, ?, 'Cakes', 'REGULAR', 'LIVE', ?)",
                session, channel, now);
        jdbc.update("""
                insert into drops (id, session_id, sku_id, title, price_fen, currency, quantity, per_viewer_limit, opens_at, created_at,
                                   stock_state)
                values (?, ?, ?, 'Cake', 990, 'CNY', ?, ?, ?, ?, 'HELD')""", drop, session, UUID.randomUUID(), quantity, perViewerLimit, now, now);
        return new DropAllocator.Terms(drop, quantity, perViewerLimit);
    }
}
