package io.singlesday.livestream.drop;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.UUID;

/**
 * Gives a drop's unsold units back to the shop once its session has ended. It tells the catalog how many the drop
 * sold in all rather than how many to release, so checkouts still on their way to the hold keep their units and a
 * repeated command releases nothing more. The grace after the end covers purchases the allocator was still deciding.
 */
@Service
public class DropHolds {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final Duration grace;

    public DropHolds(JdbcClient sql, Outbox outbox, @Value("${livestream.drops.release-unsold-after:15s}") Duration grace) {
        this.sql = sql;
        this.outbox = outbox;
        this.grace = grace;
    }

    private record Closing(UUID dropId, int sold) {
    }

    @Scheduled(fixedDelayString = "${livestream.drops.release-check-every:2s}")
    @Transactional
    public void releaseUnsold() {
        sql.sql("""
                select d.id, (select coalesce(sum(units), 0) from drop_grants g where g.drop_id = d.id)
                from drops d join sessions s on s.id = d.session_id
                where s.state = 'ENDED' and s.ended_wall_at < now() - make_interval(secs => ?)
                  and d.stock_state = 'HELD' and not d.hold_closed
                for update of d skip locked""")
                .param(grace.toMillis() / 1000.0)
                .query((rs, n) -> new Closing(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list()
                .forEach(closing -> {
                    outbox.append(EventCatalog.RELEASE_UNSOLD_STOCK, closing.dropId().toString(),
                            new ReleaseUnsoldStock(closing.dropId(), closing.sold()));
                    sql.sql("update drops set hold_closed = true where id = ?").param(closing.dropId()).update();
                });
    }
}
