package io.singlesday.order.saga;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.db.WriteAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
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
                        String currency, long list, long discount, long paid, Double latitude, Double longitude,
                        OrderConfirmed.Buyer buyer) {
    }

    public void timeline(UUID orderId, OrderState state, String detail) {
        timelineRows.add(orderId, Timestamp.from(clock.instant()), state.name(), detail);
    }

    /** An order's and its checkout's columns, after the column that names the order or the checkout (column 1). */
    private static final String HEAD_COLUMNS = """
            o.shopper_id, o.store_id, o.brand_id, c.channel, c.livestream_id, c.device, c.city, c.province, o.placed_at,
            o.currency, o.list_fen, o.discount_fen, o.paid_fen, c.delivery_latitude, c.delivery_longitude,
            c.device_fingerprint, c.payment_fingerprint""";
    private static final String LINE_COLUMNS = """
            l.sku_id, l.product_id, l.brand_id, l.category_id, l.origin_country, l.quantity, l.list_fen, l.discount_fen,
            l.paid_fen""";
    private static final int LINE_AFTER_HEAD = 19;

    /** The confirmed events of every order of the checkout, in order id order, from one read of their rows and lines. */
    public List<OrderConfirmed> confirmedOrders(UUID checkoutId, Instant at) {
        record Row(UUID orderId, Head head, OrderConfirmed.Line line) {
        }
        List<Row> rows = sql.sql("select o.id, " + HEAD_COLUMNS + ", " + LINE_COLUMNS + """

                from orders o join checkouts c on c.id = o.checkout_id join order_lines l on l.order_id = o.id
                where o.checkout_id = ? order by o.id, l.line_no""")
                .param(checkoutId)
                .query((rs, n) -> {
                    Head head = head(rs, checkoutId);
                    return new Row(rs.getObject(1, UUID.class), head, line(rs, LINE_AFTER_HEAD, head.currency()));
                })
                .list();
        Map<UUID, List<Row>> byOrder = new LinkedHashMap<>();
        rows.forEach(row -> byOrder.computeIfAbsent(row.orderId(), id -> new ArrayList<>()).add(row));
        return byOrder.entrySet().stream().map(e -> {
            Head h = e.getValue().getFirst().head();
            return new OrderConfirmed(e.getKey(), h.checkoutId(), h.shopperId(), h.storeId(), h.brandId(), h.channel(),
                    h.livestreamId(), h.device(), h.city(), h.province(), at, money(h.list(), h), money(h.discount(), h),
                    money(h.paid(), h), e.getValue().stream().map(Row::line).toList(), h.latitude(), h.longitude(), h.buyer());
        }).toList();
    }

    public OrderCancelled cancelled(UUID orderId, OrderCancelled.Reason reason, String detail, Instant at) {
        Head h = sql.sql("select o.checkout_id, " + HEAD_COLUMNS + """

                from orders o join checkouts c on c.id = o.checkout_id where o.id = ?""")
                .param(orderId)
                .query((rs, n) -> head(rs, rs.getObject(1, UUID.class)))
                .single();
        List<OrderConfirmed.Line> lines = sql.sql("select " + LINE_COLUMNS + """

                from order_lines l where l.order_id = ? order by l.line_no""")
                .param(orderId)
                .query((rs, n) -> line(rs, 1, h.currency()))
                .list();
        return new OrderCancelled(orderId, h.checkoutId(), h.shopperId(), h.storeId(), h.brandId(), h.livestreamId(),
                reason, detail, at, false, lines);
    }

    /** {@link #HEAD_COLUMNS} from column 2 on. */
    private static Head head(ResultSet rs, UUID checkoutId) throws SQLException {
        return new Head(checkoutId, rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                OrderConfirmed.Channel.valueOf(rs.getString(5)), rs.getString(6),
                OrderConfirmed.Device.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                rs.getObject(15, Double.class), rs.getObject(16, Double.class), buyer(rs.getString(17), rs.getString(18)));
    }

    private static OrderConfirmed.Buyer buyer(String device, String payment) {
        return device == null && payment == null ? null : new OrderConfirmed.Buyer(device, payment);
    }

    /** {@link #LINE_COLUMNS} from column {@code first} on. */
    private static OrderConfirmed.Line line(ResultSet rs, int first, String currency) throws SQLException {
        return new OrderConfirmed.Line(rs.getObject(first, UUID.class), rs.getObject(first + 1, UUID.class),
                rs.getObject(first + 2, UUID.class), rs.getLong(first + 3), rs.getString(first + 4), rs.getInt(first + 5),
                new Money(rs.getLong(first + 6), currency), new Money(rs.getLong(first + 7), currency),
                new Money(rs.getLong(first + 8), currency));
    }

    private static Money money(long minor, Head h) {
        return new Money(minor, h.currency());
    }
}
