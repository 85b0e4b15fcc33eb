package io.singlesday.order.query;

import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads for shoppers and operators. Anyone else's order or checkout is "not found", never "forbidden", so ids
 * cannot be probed.
 */
@Service
public class OrderQueries {

    private final JdbcClient sql;

    public OrderQueries(JdbcClient sql) {
        this.sql = sql;
    }

    public record Amounts(long listFen, long discountFen, long paidFen, String currency) {
    }

    public record OrderSummary(UUID id, UUID checkoutId, UUID storeId,
                               @io.swagger.v3.oas.annotations.media.Schema(implementation = io.singlesday.order.saga.OrderState.class) String state, Amounts amounts, Instant placedAt) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "OrderLine")
    public record Line(int lineNo, UUID skuId, UUID productId, String title, int quantity, long unitPriceFen,
                       long listFen, long discountFen, long paidFen) {
    }

    public record Step(Instant at, String state, String detail) {
    }

    public record OrderDetail(UUID id, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                              @io.swagger.v3.oas.annotations.media.Schema(implementation = io.singlesday.order.saga.OrderState.class) String state,
                              String channel, String livestreamId, String device, String city, String province,
                              Amounts amounts, Instant placedAt, Instant confirmedAt, Instant cancelledAt,
                              List<Line> lines, List<Step> timeline) {
    }

    public record CheckoutView(UUID id, @io.swagger.v3.oas.annotations.media.Schema(implementation = io.singlesday.order.saga.CheckoutState.class) String state, String cancelReason, String cancelDetail, long payableFen,
                               String currency, List<String> couponCodes, Instant placedAt, List<OrderSummary> orders) {
        /** For the server's wait; not a field of the answer (a client reads the state). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        @io.swagger.v3.oas.annotations.media.Schema(hidden = true)
        public boolean isFinal() {
            return "CONFIRMED".equals(state) || "CANCELLED".equals(state);
        }
    }

    /** One statement: a waiting checkout is read at least once more, so this read is on the hottest path. */
    public CheckoutView checkout(UUID id, Caller caller) {
        record Row(String shopper, String state, String reason, String detail, long payable, String currency,
                   List<String> codes, Instant placedAt, OrderSummary order) {
        }
        List<Row> rows = sql.sql("""
                select c.shopper_id, c.state, c.cancel_reason, c.cancel_detail, c.payable_fen, c.currency, c.coupon_codes,
                       c.placed_at, o.id, o.store_id, o.state, o.list_fen, o.discount_fen, o.paid_fen, o.currency, o.placed_at
                from checkouts c left join orders o on o.checkout_id = c.id
                where c.id = ? order by o.store_id""")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), List.of((String[]) rs.getArray(7).getArray()),
                        rs.getTimestamp(8).toInstant(), rs.getObject(9) == null ? null
                        : new OrderSummary(rs.getObject(9, UUID.class), id, rs.getObject(10, UUID.class), rs.getString(11),
                                new Amounts(rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getString(15)),
                                rs.getTimestamp(16).toInstant())))
                .list();
        if (rows.isEmpty() || !visible(rows.getFirst().shopper(), caller)) {
            throw ApiProblem.notFound("No checkout " + id);
        }
        Row head = rows.getFirst();
        List<OrderSummary> orders = rows.stream().map(Row::order).filter(java.util.Objects::nonNull).toList();
        return new CheckoutView(id, head.state(), head.reason(), head.detail(), head.payable(), head.currency(),
                head.codes(), head.placedAt(), orders);
    }

    public OrderDetail order(UUID id, Caller caller) {
        record Head(UUID checkoutId, String shopper, UUID storeId, UUID brandId, String state, String channel,
                    String livestreamId, String device, String city, String province, Amounts amounts, Instant placedAt,
                    Instant confirmedAt, Instant cancelledAt) {
        }
        Head h = sql.sql("""
                select o.checkout_id, o.shopper_id, o.store_id, o.brand_id, o.state, c.channel, c.livestream_id, c.device,
                       c.city, c.province, o.list_fen, o.discount_fen, o.paid_fen, o.currency, o.placed_at,
                       o.confirmed_at, o.cancelled_at
                from orders o join checkouts c on c.id = o.checkout_id where o.id = ?""")
                .param(id)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10),
                        new Amounts(rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getString(14)),
                        rs.getTimestamp(15).toInstant(), instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17))))
                .optional()
                .filter(x -> visible(x.shopper(), caller))
                .orElseThrow(() -> ApiProblem.notFound("No order " + id));
        List<Line> lines = sql.sql("""
                select line_no, sku_id, product_id, title, quantity, unit_price_fen, list_fen, discount_fen, paid_fen
                from order_lines where order_id = ? order by line_no""")
                .param(id)
                .query((rs, n) -> new Line(rs.getInt(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .list();
        List<Step> timeline = sql.sql("select at, state, detail from order_timeline where order_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3))).list();
        return new OrderDetail(id, h.checkoutId(), h.shopper(), h.storeId(), h.brandId(), h.state(), h.channel(),
                h.livestreamId(), h.device(), h.city(), h.province(), h.amounts(), h.placedAt(), h.confirmedAt(),
                h.cancelledAt(), lines, timeline);
    }

    /** A page of the shopper's orders, newest first, after the order {@code after} (the previous page's last). */
    public OrderPage mine(String shopperId, UUID after, int limit) {
        String where = after == null ? "where shopper_id = :shopper" : """
                where shopper_id = :shopper
                  and (placed_at, id) < (select placed_at, id from orders where id = :after and shopper_id = :shopper)""";
        Map<String, Object> params = new java.util.HashMap<>(Map.of("shopper", shopperId, "limit", limit + 1));
        if (after != null) {
            params.put("after", after);
        }
        List<OrderSummary> page = summaries(where + " order by placed_at desc, id desc limit :limit", params);
        return OrderPage.of(page, limit);
    }

    /** The offset form kept for one release (deprecated): the same page shape, so a client can move on with next. */
    public OrderPage mineAtOffset(String shopperId, int page, int size) {
        return OrderPage.of(summaries("where shopper_id = :shopper order by placed_at desc, id desc limit :limit offset :offset",
                Map.of("shopper", shopperId, "limit", size + 1, "offset", (long) page * size)), size);
    }

    /** One page of the caller's orders; {@code next} is the key of the page after it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "OrderPage")
    public record OrderPage(List<OrderSummary> items, UUID next) implements io.singlesday.platform.web.KeysetPage {
        /** From one row more than the page holds: that row says whether another page follows. */
        static OrderPage of(List<OrderSummary> rows, int limit) {
            return rows.size() > limit ? new OrderPage(rows.subList(0, limit), rows.get(limit - 1).id())
                    : new OrderPage(rows, null);
        }
    }

    public String state(UUID checkoutId) {
        return sql.sql("select state from checkouts where id = ?").param(checkoutId).query(String.class).single();
    }

    private List<OrderSummary> summaries(String where, Map<String, ?> params) {
        return sql.sql("""
                select id, checkout_id, store_id, state, list_fen, discount_fen, paid_fen, currency, placed_at
                from orders\s""" + where)
                .params(params)
                .query((rs, n) -> new OrderSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4),
                        new Amounts(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8)),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    private static boolean visible(String owner, Caller caller) {
        return owner.equals(caller.subject()) || caller.has(Role.OPERATOR);
    }

    private static Instant instant(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
