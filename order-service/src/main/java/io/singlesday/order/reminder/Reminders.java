package io.singlesday.order.reminder;

import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** "Remind me": a shopper marks a product; the first flash sale that covers it, once live, fires the reminder. */
@Service
public class Reminders {

    static final int MAX_PER_SHOPPER = 200;

    private final JdbcClient sql;
    private final FestivalClock clock;

    public Reminders(JdbcClient sql, FestivalClock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public record Reminder(UUID id, UUID productId, Instant createdAt, Instant firedAt, UUID promotionId) {
    }

    public Reminder mark(String shopperId, UUID productId) {
        boolean known = sql.sql("select exists (select 1 from catalog_skus where product_id = ? and listed)")
                .param(productId).query(Boolean.class).single();
        if (!known) {
            throw ApiProblem.unprocessable("Unknown product or not on sale: " + productId);
        }
        int held = sql.sql("select count(*) from reminders where shopper_id = ?").param(shopperId).query(Integer.class).single();
        if (held >= MAX_PER_SHOPPER) {
            throw ApiProblem.unprocessable("At most " + MAX_PER_SHOPPER + " reminders per shopper");
        }
        sql.sql("insert into reminders (id, shopper_id, product_id, created_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(UUID.randomUUID(), shopperId, productId, Timestamp.from(clock.instant())).update();
        return list(shopperId).stream().filter(r -> r.productId().equals(productId)).findFirst().orElseThrow();
    }

    public void unmark(String shopperId, UUID productId) {
        sql.sql("delete from reminders where shopper_id = ? and product_id = ?").params(shopperId, productId).update();
    }

    public List<Reminder> list(String shopperId) {
        return sql.sql("""
                select id, product_id, created_at, fired_at, promotion_id from reminders where shopper_id = ?
                order by created_at desc""")
                .param(shopperId)
                .query((rs, n) -> new Reminder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getObject(5, UUID.class)))
                .list();
    }
}
