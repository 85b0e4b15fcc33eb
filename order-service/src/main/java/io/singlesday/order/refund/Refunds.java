package io.singlesday.order.refund;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.discounts.LineRefund;
import io.singlesday.order.saga.OrderState;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Returns of confirmed orders. A refund gives back exactly what the returned units were charged: each line's paid
 * amount (list price less its apportioned discounts) split over its units by {@link LineRefund}, so returning every
 * unit in any number of steps gives back the line's paid amount to the fen and never more. The order row is locked
 * first, so concurrent returns of one order are counted one after the other and can never return a unit twice; the
 * Idempotency-Key is kept in the refund row, in the same transaction as the refund and its {@link OrderRefunded}, so
 * a retry after any crash answers the first refund instead of making a second. Only the order's shopper may return it,
 * within {@code order.refunds.window} of festival time after confirmation.
 */
@Service
public class Refunds {

    private static final Set<String> PAID = Set.of(OrderState.CONFIRMED.name(), OrderState.SHIPPED.name(),
            OrderState.DELIVERED.name());

    private final JdbcClient sql;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;
    private final Duration window;

    public Refunds(JdbcClient sql, Outbox outbox, TransactionTemplate transactions, FestivalClock clock,
                   @Value("${order.refunds.window}") Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalStateException("order.refunds.window must be positive, not " + window);
        }
        this.sql = sql;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    public record Outcome(RefundView refund, boolean replayed) {
    }

    private record Order(String shopper, String state, UUID checkoutId, UUID storeId, UUID brandId, String livestreamId,
                         String currency, Instant confirmedAt) {
    }

    private record Line(int lineNo, UUID skuId, UUID productId, UUID brandId, long categoryId, int quantity,
                        long paidFen, int refundedQuantity) {
        int left() {
            return quantity - refundedQuantity;
        }
    }

    public Outcome refund(UUID orderId, Caller caller, String idempotencyKey, RefundRequest request) {
        String hash = hash(orderId, request);
        try {
            return transactions.execute(status -> refundInTransaction(orderId, caller.subject(), idempotencyKey, hash, request));
        } catch (DuplicateKeyException sameKeyAtOnce) {
            // The same key used at the same moment on another order of this shopper: the first one holds it.
            return replay(caller.subject(), idempotencyKey, hash).orElseThrow(() -> sameKeyAtOnce);
        }
    }

    private Outcome refundInTransaction(UUID orderId, String shopper, String key, String hash, RefundRequest request) {
        Order order = sql.sql("""
                select o.shopper_id, o.state, o.checkout_id, o.store_id, o.brand_id, c.livestream_id, o.currency, o.confirmed_at
                from orders o join checkouts c on c.id = o.checkout_id where o.id = ? for update of o""")
                .param(orderId)
                .query((rs, n) -> new Order(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .optional()
                .filter(o -> o.shopper().equals(shopper))
                .orElseThrow(() -> ApiProblem.notFound("No order " + orderId));
        Optional<Outcome> earlier = replay(shopper, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (OrderState.REFUNDED.name().equals(order.state())) {
            throw ApiProblem.conflict("Order " + orderId + " is already refunded in full");
        }
        if (!PAID.contains(order.state())) {
            throw ApiProblem.conflict("Order " + orderId + " is " + order.state() + "; only a paid order can be returned");
        }
        Instant now = clock.instant();
        Instant closes = order.confirmedAt().plus(window);
        if (!now.isBefore(closes)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.REFUSED, "The return window of order "
                    + orderId + " closed at " + closes + " (festival time, " + window.toDays() + " days after confirmation)");
        }
        List<Line> lines = sql.sql("""
                select line_no, sku_id, product_id, brand_id, category_id, quantity, paid_fen, refunded_quantity
                from order_lines where order_id = ? order by line_no""")
                .param(orderId)
                .query((rs, n) -> new Line(rs.getInt(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), rs.getLong(5), rs.getInt(6), rs.getLong(7), rs.getInt(8)))
                .list();
        List<RefundRequest.LineReturn> returns = request.wholeOrder()
                ? lines.stream().filter(l -> l.left() > 0).map(l -> new RefundRequest.LineReturn(l.lineNo(), l.left())).toList()
                : request.lines();
        Map<Integer, Line> byNo = new java.util.HashMap<>();
        lines.forEach(l -> byNo.put(l.lineNo(), l));
        checkAgainst(byNo, returns, request.wholeOrder());

        UUID refundId = UUID.randomUUID();
        List<RefundView.Line> given = new ArrayList<>();
        List<OrderRefunded.Line> eventLines = new ArrayList<>();
        long total = 0;
        for (RefundRequest.LineReturn r : returns) {
            Line line = byNo.get(r.lineNo());
            long amount = LineRefund.amountFen(line.paidFen(), line.quantity(), line.refundedQuantity(), r.quantity());
            given.add(new RefundView.Line(r.lineNo(), r.quantity(), amount));
            eventLines.add(new OrderRefunded.Line(r.lineNo(), line.skuId(), line.productId(), line.brandId(),
                    line.categoryId(), r.quantity(), new Money(amount, order.currency())));
            total += amount;
        }
        int unitsLeft = lines.stream().mapToInt(Line::left).sum() - returns.stream().mapToInt(RefundRequest.LineReturn::quantity).sum();
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();

        sql.sql("""
                insert into order_refunds (id, order_id, shopper_id, idempotency_key, request_hash, amount_fen, currency,
                                           reason, refunded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(refundId, orderId, shopper, key, hash, total, order.currency(), reason, Timestamp.from(now)).update();
        for (RefundView.Line line : given) {
            sql.sql("insert into order_refund_lines (refund_id, line_no, quantity, amount_fen) values (?, ?, ?, ?)")
                    .params(refundId, line.lineNo(), line.quantity(), line.amountFen()).update();
            sql.sql("""
                    update order_lines set refunded_quantity = refunded_quantity + ?, refunded_fen = refunded_fen + ?
                    where order_id = ? and line_no = ?""")
                    .params(line.quantity(), line.amountFen(), orderId, line.lineNo()).update();
        }
        String state = unitsLeft == 0 ? OrderState.valueOf(order.state()).moveTo(OrderState.REFUNDED).name() : order.state();
        sql.sql("update orders set refunded_fen = refunded_fen + ?, state = ? where id = ?").params(total, state, orderId).update();
        sql.sql("insert into order_timeline (order_id, at, state, detail) values (?, ?, ?, ?)")
                .params(orderId, Timestamp.from(now), unitsLeft == 0 ? OrderState.REFUNDED.name() : "PARTLY_REFUNDED",
                        given.stream().mapToInt(RefundView.Line::quantity).sum() + " unit(s) returned, " + total + " fen refunded")
                .update();
        outbox.append(EventCatalog.ORDER_REFUNDED, orderId.toString(), new OrderRefunded(refundId, orderId,
                order.checkoutId(), shopper, order.storeId(), order.brandId(), order.livestreamId(), order.confirmedAt(),
                now, new Money(total, order.currency()), unitsLeft == 0, eventLines));
        return new Outcome(new RefundView(refundId, orderId, total, order.currency(), reason, now, given), false);
    }

    private static void checkAgainst(Map<Integer, Line> lines, List<RefundRequest.LineReturn> returns, boolean wholeOrder) {
        if (returns.isEmpty()) {
            throw ApiProblem.conflict(wholeOrder ? "Every unit of this order has already been returned" : "Nothing to return");
        }
        Set<Integer> named = new HashSet<>();
        for (int i = 0; i < returns.size(); i++) {
            RefundRequest.LineReturn r = returns.get(i);
            if (!lines.containsKey(r.lineNo())) {
                throw invalid("lines[" + i + "].lineNo", "The order has no line " + r.lineNo() + " (it has " + lines.size() + ")");
            }
            if (!named.add(r.lineNo())) {
                throw invalid("lines[" + i + "].lineNo", "Line " + r.lineNo() + " is named twice");
            }
            int left = lines.get(r.lineNo()).left();
            if (r.quantity() > left) {
                throw invalid("lines[" + i + "].quantity", left == 0
                        ? "Every unit of line " + r.lineNo() + " has already been returned"
                        : "Only " + left + " unit(s) of line " + r.lineNo() + " can still be returned, not " + r.quantity());
            }
        }
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** The refund an earlier request with this key made; a different request under the same key is refused. */
    private Optional<Outcome> replay(String shopper, String key, String hash) {
        record Head(UUID id, UUID orderId, String hash, long amount, String currency, String reason, Instant at) {
        }
        return sql.sql("""
                select id, order_id, request_hash, amount_fen, currency, reason, refunded_at
                from order_refunds where shopper_id = ? and idempotency_key = ?""")
                .params(shopper, key)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .optional()
                .map(h -> {
                    if (!h.hash().equals(hash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was used for a different request");
                    }
                    return new Outcome(new RefundView(h.id(), h.orderId(), h.amount(), h.currency(), h.reason(), h.at(),
                            lines(h.id())), true);
                });
    }

    /** An order's refunds, oldest first: for its shopper and operators; anyone else gets a 404. */
    public List<RefundView> of(UUID orderId, Caller caller) {
        sql.sql("select shopper_id from orders where id = ?").param(orderId).query(String.class).optional()
                .filter(owner -> owner.equals(caller.subject()) || caller.has(Role.OPERATOR))
                .orElseThrow(() -> ApiProblem.notFound("No order " + orderId));
        return sql.sql("""
                select id, amount_fen, currency, reason, refunded_at from order_refunds where order_id = ?
                order by refunded_at, id""")
                .param(orderId)
                .query((rs, n) -> new RefundView(rs.getObject(1, UUID.class), orderId, rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), lines(rs.getObject(1, UUID.class))))
                .list();
    }

    private List<RefundView.Line> lines(UUID refundId) {
        return sql.sql("select line_no, quantity, amount_fen from order_refund_lines where refund_id = ? order by line_no")
                .param(refundId)
                .query((rs, n) -> new RefundView.Line(rs.getInt(1), rs.getInt(2), rs.getLong(3))).list();
    }

    private static String hash(UUID orderId, RefundRequest request) {
        StringBuilder canonical = new StringBuilder(orderId.toString());
        if (request.wholeOrder()) {
            canonical.append("|all");
        } else {
            request.lines().forEach(l -> canonical.append('|').append(l.lineNo()).append('x').append(l.quantity()));
        }
        canonical.append('|').append(request.reason() == null ? "" : request.reason().strip());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
