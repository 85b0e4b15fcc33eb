package io.singlesday.order.reminder;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.ReminderTriggered;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fires reminders when a flash sale covering their product is live on the festival clock. The conditional update
 * ({@code fired_at is null}) makes each reminder fire once, however many instances look at the same moment; the
 * notification row and the ReminderTriggered event commit with it.
 */
@Component
public class ReminderTrigger {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;

    public ReminderTrigger(JdbcClient sql, Outbox outbox, TransactionTemplate transactions, FestivalClock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record LiveSale(UUID id, String title, Instant startsAt, UUID[] skus, Long[] categories, UUID[] brands) {
    }

    private record Fired(UUID reminderId, String shopperId, UUID productId) {
    }

    @Scheduled(fixedDelayString = "${order.reminders.check-every:500ms}")
    public void fireDue() {
        Instant now = clock.instant();
        List<LiveSale> live = sql.sql("""
                select promotion_id, title, starts_at, sku_ids, category_ids, brand_ids from flash_sales
                where not withdrawn and starts_at <= ? and ends_at > ? order by starts_at""")
                .params(Timestamp.from(now), Timestamp.from(now))
                .query((rs, n) -> new LiveSale(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        (UUID[]) rs.getArray(4).getArray(), (Long[]) rs.getArray(5).getArray(), (UUID[]) rs.getArray(6).getArray()))
                .list();
        live.forEach(sale -> transactions.executeWithoutResult(status -> fire(sale, now)));
    }

    private void fire(LiveSale sale, Instant now) {
        List<Fired> fired = sql.sql("""
                update reminders r set fired_at = ?, promotion_id = ?
                where r.fired_at is null and exists (
                    select 1 from catalog_skus s where s.product_id = r.product_id
                      and (s.sku_id = any(?) or s.category_id = any(?) or s.brand_id = any(?)))
                returning r.id, r.shopper_id, r.product_id""")
                .params(Timestamp.from(now), sale.id(), sale.skus(), sale.categories(), sale.brands())
                .query((rs, n) -> new Fired(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
                .list();
        for (Fired f : fired) {
            sql.sql("""
                    insert into notifications (shopper_id, reminder_id, product_id, promotion_id, title, starts_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(f.shopperId(), f.reminderId(), f.productId(), sale.id(), sale.title(), Timestamp.from(sale.startsAt()))
                    .update();
            outbox.append(EventCatalog.REMINDER_TRIGGERED, f.shopperId(), new ReminderTriggered(f.reminderId(),
                    f.shopperId(), f.productId(), sale.id(), sale.title(), sale.startsAt()));
        }
    }
}
