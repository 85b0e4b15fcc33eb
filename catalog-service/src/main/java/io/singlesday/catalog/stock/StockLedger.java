package io.singlesday.catalog.stock;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StockLevelChanged;
import io.singlesday.contracts.stock.DropStockHeld;
import io.singlesday.contracts.stock.DropStockRefused;
import io.singlesday.contracts.stock.DropStockReleased;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReservationRejected.Reason;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Holds, sells and gives back stock for orders. Every hold is one conditional update per SKU
 * ({@code reserved + n <= stock}), so no interleaving of any number of checkouts can oversell; only checkouts
 * of the same SKU wait for each other, never the whole service. Each order's answer is recorded and repeated
 * for a repeated command, and the reply leaves through the outbox in the same transaction as the change. A level
 * is announced ({@link StockLevelChanged}) only where a shopper would see it change ({@link StockLevels}).
 */
@Service
public class StockLedger {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final StockLevels levels;

    public StockLedger(JdbcClient sql, Outbox outbox, TransactionTemplate transactions, StockLevels levels) {
        this.levels = levels;
        this.sql = sql;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public sealed interface Outcome permits Held, Rejected {
    }

    public record Held(List<StockLine> lines) implements Outcome {
    }

    public record Rejected(Reason reason, UUID skuId) implements Outcome {
    }

    /** Whom a reservation's answer is for: each requester reads its own replies topic and nobody else's. */
    public enum Requester { ORDER_SAGA, DROP }

    /**
     * All lines or none. A repeated command gets the recorded answer again, on the replies topic too: the
     * saga may have resent it because the first answer was late.
     */
    public Outcome reserve(UUID orderId, List<StockLine> requested) {
        return reserve(orderId, requested, null, Requester.ORDER_SAGA);
    }

    /** Sets units aside for a livestream drop, answered on the drops' replies topic. */
    public Outcome holdForDrop(UUID dropId, List<StockLine> requested) {
        return reserve(dropId, requested, null, Requester.DROP);
    }

    /**
     * As {@link #reserve(UUID, List)}, but with {@code fromHold} the units come out of that hold (a drop's) instead of
     * the shop's free stock: the order's hold grows by what the drop's shrinks, so {@code reserved} stays as it was.
     */
    public Outcome reserve(UUID orderId, List<StockLine> requested, UUID fromHold) {
        return reserve(orderId, requested, fromHold, Requester.ORDER_SAGA);
    }

    private Outcome reserve(UUID orderId, List<StockLine> requested, UUID fromHold, Requester requester) {
        Map<UUID, Integer> lines = merge(requested);
        return transactions.execute(status -> decide(orderId, lines, fromHold, requester));
    }

    /**
     * The order's outcome row is claimed first: a repeated or concurrent command finds it (waiting for the first to
     * commit) and repeats the recorded answer. A refusal undoes what this command took and changes the row to the
     * reason, without an exception, so the command can share its transaction with the other commands of a poll.
     */
    private Outcome decide(UUID orderId, Map<UUID, Integer> lines, UUID fromHold, Requester requester) {
        boolean first = sql.sql("insert into stock_outcomes (order_id, outcome) values (?, 'HELD') on conflict do nothing")
                .param(orderId).update() == 1;
        if (!first) {
            Outcome recorded = recordedOutcome(orderId).orElseThrow();
            if (fromHold != null && recorded instanceof Rejected r && r.reason() == Reason.ORDER_RELEASED) {
                returnFromHold(orderId, fromHold, lines);
            }
            reply(orderId, recorded, requester);
            return recorded;
        }
        Outcome outcome = hold(orderId, lines, fromHold);
        if (outcome instanceof Rejected rejected) {
            sql.sql("update stock_outcomes set outcome = 'REJECTED', reason = ?, sku_id = ? where order_id = ?")
                    .params(rejected.reason().name(), rejected.skuId(), orderId).update();
        }
        reply(orderId, outcome, requester);
        return outcome;
    }

    /** All lines or none: a line that cannot be held gives back the lines taken before it. */
    private Outcome hold(UUID orderId, Map<UUID, Integer> lines, UUID fromHold) {
        Map<UUID, Integer> taken = new LinkedHashMap<>();
        List<StockLevelChanged> levels = new ArrayList<>();
        for (Map.Entry<UUID, Integer> line : lines.entrySet()) {
            UUID sku = line.getKey();
            int quantity = line.getValue();
            Reason refused = null;
            if (quantity <= 0) {
                refused = Reason.INVALID_QUANTITY;
            } else if (fromHold != null) {
                refused = outOfHold(fromHold, sku, quantity) ? null : Reason.HOLD_EXHAUSTED;
            } else {
                Optional<StockLevelChanged> level = sql.sql("""
                        update skus s set reserved = s.reserved + :qty
                        from products p
                        where s.id = :sku and p.id = s.product_id and p.listed and s.stock - s.reserved >= :qty
                        returning s.product_id, s.stock - s.reserved""")
                        .param("qty", quantity).param("sku", sku)
                        .query((rs, n) -> new StockLevelChanged(sku, rs.getObject(1, UUID.class), rs.getInt(2)))
                        .optional();
                level.ifPresent(levels::add);
                refused = level.isPresent() ? null : whyNot(sku);
            }
            if (refused != null) {
                taken.forEach((takenSku, units) -> putBack(takenSku, units, fromHold));
                return new Rejected(refused, sku);
            }
            taken.put(sku, quantity);
        }
        taken.forEach((sku, quantity) -> sql.sql(
                        "insert into stock_reservations (order_id, sku_id, quantity, state) values (?, ?, ?, 'HELD')")
                .params(orderId, sku, quantity).update());
        levels.forEach(level -> announceIfNews(level, level.available() + lines.get(level.skuId())));
        return new Held(taken.entrySet().stream().map(e -> new StockLine(e.getKey(), e.getValue())).toList());
    }

    /** Undoes one line of a hold that is refused as a whole: nothing was announced for it, so nothing is now. */
    private void putBack(UUID skuId, int quantity, UUID fromHold) {
        if (fromHold != null) {
            sql.sql("""
                    update stock_reservations set quantity = quantity + :qty, taken = taken - :qty
                    where order_id = :hold and sku_id = :sku and state = 'HELD'""")
                    .param("qty", quantity).param("hold", fromHold).param("sku", skuId).update();
        } else {
            sql.sql("update skus set reserved = reserved - ? where id = ?").params(quantity, skuId).update();
        }
    }

    /**
     * Locks, in id order, every SKU row and every drop hold the given commands will change, for a transaction that
     * applies several of them: two such transactions then never wait for each other in a circle. The ids are gathered
     * into one array first: an {@code or} of two conditions would make PostgreSQL scan every SKU.
     */
    static final String LOCK_SKUS = """
            select id from skus
            where id = any(array(select unnest(?::uuid[])
                                 union all select sku_id from stock_reservations where order_id = any(?) and state = 'HELD'))
            order by id for update""";

    @Transactional(propagation = Propagation.MANDATORY)
    public void lockInOrder(List<UUID> skuIds, List<UUID> orderIds, List<UUID> holdIds) {
        sql.sql(LOCK_SKUS)
                .params(skuIds.toArray(UUID[]::new), orderIds.toArray(UUID[]::new)).query(UUID.class).list();
        if (!holdIds.isEmpty()) {
            sql.sql("""
                    select order_id from stock_reservations where order_id = any(?) and state = 'HELD'
                    order by order_id, sku_id for update""")
                    .param(holdIds.toArray(UUID[]::new)).query(UUID.class).list();
        }
    }

    /** One conditional update of the hold's row, counted as taken: what it gives is what it has, never more. */
    private boolean outOfHold(UUID holdId, UUID skuId, int quantity) {
        return sql.sql("""
                update stock_reservations set quantity = quantity - :qty, taken = taken + :qty, updated_at = now()
                where order_id = :hold and sku_id = :sku and state = 'HELD' and quantity >= :qty""")
                .param("qty", quantity).param("hold", holdId).param("sku", skuId).update() == 1;
    }

    /**
     * An order cancelled before its units left the drop's hold: the drop counts it as sold, so the hold would keep
     * its units for it forever. They go back to the shop instead, counted as taken so the drop's final count still
     * adds up; the recorded reason changes once, so a repeated command returns nothing more.
     */
    private void returnFromHold(UUID orderId, UUID holdId, Map<UUID, Integer> lines) {
        int first = sql.sql("update stock_outcomes set reason = 'RELEASED_HOLD_RETURNED' where order_id = ? and reason = 'RELEASED'")
                .param(orderId).update();
        if (first == 0) {
            return;
        }
        lines.forEach((sku, quantity) -> {
            if (outOfHold(holdId, sku, quantity)) {
                giveBack(sku, quantity);
            }
        });
    }

    /**
     * The hold has sold {@code unitsSold} in all. It keeps what sales not yet taken from it still need (sold less
     * taken) and gives the rest back to the shop. Repeating it gives back nothing more.
     */
    @Transactional
    public int releaseUnsold(UUID holdId, int unitsSold) {
        record Hold(UUID skuId, int quantity, int taken) {
        }
        List<Hold> holds = sql.sql("""
                select sku_id, quantity, taken from stock_reservations where order_id = ? and state = 'HELD'
                order by sku_id for update""")
                .param(holdId).query((rs, n) -> new Hold(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).list();
        int released = 0;
        for (Hold hold : holds) {
            int keep = Math.max(0, unitsSold - hold.taken());
            int giveBack = hold.quantity() - keep;
            if (giveBack > 0) {
                sql.sql("update stock_reservations set quantity = quantity - ?, updated_at = now() where order_id = ? and sku_id = ?")
                        .params(giveBack, holdId, hold.skuId()).update();
                giveBack(hold.skuId(), giveBack);
                released += giveBack;
            }
        }
        outbox.append(EventCatalog.DROP_STOCK_RELEASED, holdId.toString(), new DropStockReleased(holdId, released));
        return released;
    }

    private void reply(UUID id, Outcome outcome, Requester requester) {
        String key = id.toString();
        switch (requester) {
            case ORDER_SAGA -> {
                switch (outcome) {
                    case Held held -> outbox.append(EventCatalog.STOCK_RESERVED, key, new StockReserved(id, held.lines()));
                    case Rejected rejected -> outbox.append(EventCatalog.STOCK_RESERVATION_REJECTED, key,
                            new StockReservationRejected(id, rejected.reason(), rejected.skuId()));
                }
            }
            case DROP -> {
                switch (outcome) {
                    case Held held -> outbox.append(EventCatalog.DROP_STOCK_HELD, key, new DropStockHeld(id, held.lines()));
                    case Rejected rejected -> outbox.append(EventCatalog.DROP_STOCK_REFUSED, key,
                            new DropStockRefused(id, rejected.reason(), rejected.skuId()));
                }
            }
        }
    }

    /** Sells what the order holds. Repeating it, or committing an order that holds nothing, changes nothing. */
    @Transactional
    public int commit(UUID orderId) {
        List<StockLine> held = heldLines(orderId);
        for (StockLine line : held) {
            sql.sql("update skus set stock = stock - :qty, reserved = reserved - :qty where id = :sku")
                    .param("qty", line.quantity()).param("sku", line.skuId()).update();
        }
        sql.sql("update stock_reservations set state = 'COMMITTED', updated_at = now() where order_id = ? and state = 'HELD'")
                .param(orderId).update();
        return held.size();
    }

    /**
     * Gives back what the order holds. Also closes the order for later reservations: a release that overtakes
     * its reserve (a timed-out saga) must not leave the late hold standing.
     */
    @Transactional
    public int release(UUID orderId) {
        sql.sql("insert into stock_outcomes (order_id, outcome, reason) values (?, 'REJECTED', 'RELEASED') on conflict do nothing")
                .param(orderId).update();
        List<StockLine> held = heldLines(orderId);
        for (StockLine line : held) {
            giveBack(line.skuId(), line.quantity());
        }
        sql.sql("update stock_reservations set state = 'RELEASED', updated_at = now() where order_id = ? and state = 'HELD'")
                .param(orderId).update();
        return held.size();
    }

    private List<StockLine> heldLines(UUID orderId) {
        return sql.sql("""
                select sku_id, quantity from stock_reservations where order_id = ? and state = 'HELD'
                order by sku_id for update""")
                .param(orderId)
                .query((rs, n) -> new StockLine(rs.getObject(1, UUID.class), rs.getInt(2))).list();
    }

    private record Recorded(String outcome, String reason, UUID skuId) {
    }

    /** Two plain queries, never one inside another's row mapper: that would take a second pooled connection. */
    private Optional<Outcome> recordedOutcome(UUID orderId) {
        Optional<Recorded> recorded = sql.sql("select outcome, reason, sku_id from stock_outcomes where order_id = ?")
                .param(orderId)
                .query((rs, n) -> new Recorded(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class)))
                .optional();
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Recorded r = recorded.get();
        if ("HELD".equals(r.outcome())) {
            return Optional.of(new Held(sql.sql("select sku_id, quantity from stock_reservations where order_id = ? order by sku_id")
                    .param(orderId).query((rs, i) -> new StockLine(rs.getObject(1, UUID.class), rs.getInt(2))).list()));
        }
        Reason reason = r.reason().startsWith("RELEASED") ? Reason.ORDER_RELEASED : Reason.valueOf(r.reason());
        return Optional.of(new Rejected(reason, r.skuId()));
    }

    private Reason whyNot(UUID skuId) {
        return sql.sql("select p.listed from skus s join products p on p.id = s.product_id where s.id = ?")
                .param(skuId).query(Boolean.class).optional()
                .map(listed -> listed ? Reason.INSUFFICIENT_STOCK : Reason.NOT_ON_SALE)
                .orElse(Reason.UNKNOWN_SKU);
    }

    /** Units held for an order or a drop go back to the shop's free stock. */
    private void giveBack(UUID skuId, int quantity) {
        sql.sql("update skus set reserved = reserved - ? where id = ? returning product_id, stock - reserved")
                .params(quantity, skuId)
                .query((rs, n) -> new StockLevelChanged(skuId, rs.getObject(1, UUID.class), rs.getInt(2)))
                .optional()
                .ifPresent(level -> announceIfNews(level, level.available() - quantity));
    }

    private void announceIfNews(StockLevelChanged level, int availableBefore) {
        if (levels.worthAnnouncing(availableBefore, level.available())) {
            outbox.append(EventCatalog.STOCK_LEVEL_CHANGED, level.productId().toString(), level);
        }
    }

    /** Lines of the same SKU merged, in SKU order: every checkout locks rows in one order, so none deadlock. */
    private static Map<UUID, Integer> merge(List<StockLine> lines) {
        Map<UUID, Integer> merged = new LinkedHashMap<>();
        lines.stream().sorted(Comparator.comparing(StockLine::skuId))
                .forEach(l -> merged.merge(l.skuId(), l.quantity(), Integer::sum));
        return merged;
    }
}
