package io.singlesday.order.saga;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.db.WriteAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the confirmed and cancelled events from the order's rows, and writes its timeline. Call inside the change's transaction. */
@Component
public class OrderEvents {

    private final JdbcClient sql;
    private final FestivalClock clock;

    private final WriteAtCommit timelineRows;

    public OrderEvents(JdbcClient sql, JdbcTemplate jdbc, FestivalClock clock) {
        this.sql = sql;
        this.timelineRows = new WriteAtCommit(jdbc, "insert into order_timeline (order_id, at, state, detail) values (?, ?, ?, ?)");
        this.clock = clock;
    }

    private record Head(UUID checkoutId, String shopperId, UUID storeId, UUID brandId, OrderConfirmed.Channel channel,
                        String livestreamId, OrderConfirmed.Device device, String city, String province, Instant placedAt,
                        String currency, long list, long discount, long paid, Double latitude, Double longitude) {
    }

    public void timeline(UUID orderId, OrderState state, String detail) {
        timelineRows.add(orderId, Timestamp.from(clock.instant()), state.name(), detail);
    }

    public OrderConfirmed confirmed(UUID orderId, Instant at) {
        Head h = head(orderId);
        return new OrderConfirmed(orderId, h.checkoutId(), h.shopperId(), h.storeId(), h.brandId(), h.channel(),
                h.livestreamId(), h.device(), h.city(), h.province(), at, money(h.list(), h),
                money(h.discount(), h), money(h.paid(), h), lines(orderId, h.currency()), h.latitude(), h.longitude());
    }

    public OrderCancelled cancelled(UUID orderId, OrderCancelled.Reason reason, String detail, Instant at) {
        Head h = head(orderId);
        return new OrderCancelled(orderId, h.checkoutId(), h.shopperId(), h.storeId(), h.brandId(), h.livestreamId(),
                reason, detail, at, false, lines(orderId, h.currency()));
    }

    private Head head(UUID orderId) {
        return sql.sql("""
                select o.checkout_id, o.shopper_id, o.store_id, o.brand_id, c.channel, c.livestream_id, c.device, c.city,
                       c.province, o.placed_at, o.currency, o.list_fen, o.discount_fen, o.paid_fen,
                       c.delivery_latitude, c.delivery_longitude
                from orders o join checkouts c on c.id = o.checkout_id where o.id = ?""")
                .param(orderId)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), OrderConfirmed.Channel.valueOf(rs.getString(5)), rs.getString(6),
                        OrderConfirmed.Device.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                        rs.getObject(15, Double.class), rs.getObject(16, Double.class)))
                .single();
    }

    private List<OrderConfirmed.Line> lines(UUID orderId, String currency) {
        return sql.sql("""
                select sku_id, product_id, brand_id, category_id, origin_country, quantity, list_fen, discount_fen, paid_fen
                from order_lines where order_id = ? order by line_no""")
                .param(orderId)
                .query((rs, n) -> new OrderConfirmed.Line(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getLong(4), rs.getString(5), rs.getInt(6),
                        new Money(rs.getLong(7), currency), new Money(rs.getLong(8), currency), new Money(rs.getLong(9), currency)))
                .list();
    }

    private static Money money(long minor, Head h) {
        return new Money(minor, h.currency());
    }
}
