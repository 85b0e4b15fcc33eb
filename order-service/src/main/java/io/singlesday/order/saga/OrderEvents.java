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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the confirmed and cancelled events from the orders' rows, and writes its timeline. Call inside the change's transaction. */
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

    /** The confirmed events of every order of the checkout, in order id order, from one read of their rows and lines. */
    public List<OrderConfirmed> confirmedOrders(UUID checkoutId, Instant at) {
        record Row(UUID orderId, Head head, OrderConfirmed.Line line) {
        }
        List<Row> rows = sql.sql("""
                select o.id, o.shopper_id, o.store_id, o.brand_id, c.channel, c.livestream_id, c.device, c.city,
                       c.province, o.placed_at, o.currency, o.list_fen, o.discount_fen, o.paid_fen,
                       c.delivery_latitude, c.delivery_longitude,
                       l.sku_id, l.product_id, l.brand_id, l.category_id, l.origin_country, l.quantity, l.list_fen,
                       l.discount_fen, l.paid_fen
                from orders o join checkouts c on c.id = o.checkout_id join order_lines l on l.order_id = o.id
                where o.checkout_id = ? order by o.id, l.line_no""")
                .param(checkoutId)
                .query((rs, n) -> {
                    String currency = rs.getString(11);
                    return new Row(rs.getObject(1, UUID.class), new Head(checkoutId, rs.getString(2),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                            OrderConfirmed.Channel.valueOf(rs.getString(5)), rs.getString(6),
                            OrderConfirmed.Device.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                            rs.getTimestamp(10).toInstant(), currency, rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            rs.getObject(15, Double.class), rs.getObject(16, Double.class)),
                            new OrderConfirmed.Line(rs.getObject(17, UUID.class), rs.getObject(18, UUID.class),
                                    rs.getObject(19, UUID.class), rs.getLong(20), rs.getString(21), rs.getInt(22),
                                    new Money(rs.getLong(23), currency), new Money(rs.getLong(24), currency),
                                    new Money(rs.getLong(25), currency)));
                })
                .list();
        Map<UUID, List<Row>> byOrder = new LinkedHashMap<>();
        rows.forEach(row -> byOrder.computeIfAbsent(row.orderId(), id -> new ArrayList<>()).add(row));
        return byOrder.entrySet().stream().map(e -> {
            Head h = e.getValue().getFirst().head();
            return new OrderConfirmed(e.getKey(), h.checkoutId(), h.shopperId(), h.storeId(), h.brandId(), h.channel(),
                    h.livestreamId(), h.device(), h.city(), h.province(), at, money(h.list(), h), money(h.discount(), h),
                    money(h.paid(), h), e.getValue().stream().map(Row::line).toList(), h.latitude(), h.longitude());
        }).toList();
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
