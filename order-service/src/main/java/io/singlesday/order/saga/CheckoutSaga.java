package io.singlesday.order.saga;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.coupons.RedeemCoupons;
import io.singlesday.contracts.coupons.UnlockCoupons;
import io.singlesday.contracts.orders.OrderCancelled.Reason;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.stock.CommitStock;
import io.singlesday.contracts.stock.ReleaseStock;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The checkout saga, orchestrated here and persisted in the checkout row. Every step locks that row, checks the
 * state it expects and moves it with the guarded {@link CheckoutState}: a late, repeated or reordered reply finds
 * the state already moved on and changes nothing. Commands to participants leave through the outbox in the same
 * transaction as the step, so a crash never loses one and never sends one for a step that did not happen.
 */
@Service
public class CheckoutSaga {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final OrderEvents events;
    private final FestivalClock clock;
    private final CheckoutOutcomes outcomes;
    private final PaymentStarter payments;
    private final MeterRegistry meters;
    private final SagaAdmission admission;

    public CheckoutSaga(JdbcClient sql, Outbox outbox, OrderEvents events, FestivalClock clock, CheckoutOutcomes outcomes,
                        PaymentStarter payments, MeterRegistry meters, SagaAdmission admission) {
        this.admission = admission;
        this.sql = sql;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.outcomes = outcomes;
        this.payments = payments;
        this.meters = meters;
    }

    /** The checkout row, locked for the rest of the transaction. */
    record Checkout(UUID id, CheckoutState state, String couponsState, int ordersPending, long payableFen,
                    String currency, Instant createdAt) {
    }

    private static final String CHECKOUT_COLUMNS = "id, state, coupons_state, orders_pending, payable_fen, currency, created_at";

    private Optional<Checkout> lock(UUID checkoutId) {
        return sql.sql("select " + CHECKOUT_COLUMNS + " from checkouts where id = ? for update")
                .param(checkoutId).query(CheckoutSaga::checkout).optional();
    }

    /** The checkout the order belongs to, locked: one statement, since every stock reply arrives by order. */
    private Optional<Checkout> lockByOrder(UUID orderId) {
        return sql.sql("select " + CHECKOUT_COLUMNS + " from checkouts where id = (select checkout_id from orders where id = ?) for update")
                .param(orderId).query(CheckoutSaga::checkout).optional();
    }

    private static Checkout checkout(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Checkout(rs.getObject(1, UUID.class), CheckoutState.valueOf(rs.getString(2)), rs.getString(3),
                rs.getInt(4), rs.getLong(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    /**
     * Locks, in id order, every checkout the given orders belong to and the given checkouts, for a transaction
     * that moves several of them: each step below locks its own row again, which changes nothing once it is held,
     * and two transactions that take their locks in one order cannot deadlock. The ids are gathered into one array
     * first: an {@code or} of the two conditions made PostgreSQL scan the whole checkouts table for every poll.
     */
    static final String LOCK_CHECKOUTS = """
            select id from checkouts
            where id = any(array(select checkout_id from orders where id = any(?) union all select unnest(?::uuid[])))
            order by id for update""";

    @Transactional(propagation = Propagation.MANDATORY)
    public void lockInOrder(List<UUID> orderIds, List<UUID> checkoutIds) {
        sql.sql(LOCK_CHECKOUTS)
                .params(orderIds.toArray(UUID[]::new), checkoutIds.toArray(UUID[]::new))
                .query(UUID.class).list();
    }

    @Transactional
    public void stockReserved(UUID orderId) {
        lockByOrder(orderId).filter(c -> c.state() == CheckoutState.AWAITING_PARTICIPANTS).ifPresent(c -> {
            int moved = sql.sql("update orders set stock_state = 'HELD', state = ? where id = ? and stock_state = 'REQUESTED'")
                    .params(OrderState.PLACED.moveTo(OrderState.RESERVED).name(), orderId).update();
            if (moved == 1) {
                events.timeline(orderId, OrderState.RESERVED, "stock held");
                sql.sql("update checkouts set orders_pending = orders_pending - 1, updated_at = now() where id = ?")
                        .param(c.id()).update();
                payIfEverythingHeld(c, c.ordersPending() - 1, c.couponsState());
            }
        });
    }

    @Transactional
    public void stockRejected(UUID orderId, String why) {
        lockByOrder(orderId).filter(c -> c.state() == CheckoutState.AWAITING_PARTICIPANTS)
                .ifPresent(c -> cancel(c, Reason.STOCK_REJECTED, why));
    }

    /**
     * The coupon service holds the coupons and says what they take off each order. That must be what this
     * checkout priced, to the fen; if the two disagree (a rule changed in between), nobody is charged a price
     * the coupon service does not stand behind: the checkout is cancelled.
     */
    @Transactional
    public void couponsLocked(UUID checkoutId, Map<UUID, Long> discountPerOrder) {
        lock(checkoutId).filter(c -> c.state() == CheckoutState.AWAITING_PARTICIPANTS && "REQUESTED".equals(c.couponsState()))
                .ifPresent(c -> {
                    Map<UUID, Long> priced = new HashMap<>();
                    sql.sql("select id, discount_fen from orders where checkout_id = ?").param(c.id())
                            .query((rs, n) -> priced.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
                    priced.values().removeIf(fen -> fen == 0);
                    if (!priced.equals(discountPerOrder)) {
                        cancel(c, Reason.COUPON_REJECTED, "the coupon service's discounts " + discountPerOrder
                                + " differ from the checkout's " + priced);
                        return;
                    }
                    sql.sql("update checkouts set coupons_state = 'LOCKED', updated_at = now() where id = ?").param(c.id()).update();
                    payIfEverythingHeld(c, c.ordersPending(), "LOCKED");
                });
    }

    @Transactional
    public void couponsRejected(UUID checkoutId, String why) {
        lock(checkoutId).filter(c -> c.state() == CheckoutState.AWAITING_PARTICIPANTS)
                .ifPresent(c -> cancel(c, Reason.COUPON_REJECTED, why));
    }

    /** {@code c} is still locked by this transaction; the counts are as the caller just wrote them. */
    private void payIfEverythingHeld(Checkout c, int ordersPending, String couponsState) {
        if (ordersPending == 0 && !"REQUESTED".equals(couponsState)) {
            sql.sql("update checkouts set state = ?, payment_started = now(), updated_at = now() where id = ?")
                    .params(c.state().moveTo(CheckoutState.PAYING).name(), c.id()).update();
            // Taken now: after the commit the step's span has ended, and the payment belongs to this checkout's trace.
            String trace = payments.currentTrace();
            afterCommit(() -> payments.start(c.id(), c.payableFen(), c.currency(), trace));
        }
    }

    /**
     * The provider's answer. Anything but a checkout waiting for payment ignores it; returns whether it applied,
     * so a charge that arrives after the checkout was cancelled can be refunded.
     */
    @Transactional
    public boolean paymentResult(UUID checkoutId, boolean approved, String reference) {
        Optional<Checkout> paying = lock(checkoutId).filter(c -> c.state() == CheckoutState.PAYING);
        paying.ifPresent(c -> {
            if (approved) {
                confirm(c, reference);
            } else {
                cancel(c, Reason.PAYMENT_DECLINED, "payment declined (" + reference + ")");
            }
        });
        return paying.isPresent();
    }

    private void confirm(Checkout c, String reference) {
        Instant now = clock.instant();
        sql.sql("update checkouts set state = ?, updated_at = now() where id = ?")
                .params(c.state().moveTo(CheckoutState.CONFIRMED).name(), c.id()).update();
        // Every order of a checkout in PAYING holds its stock (RESERVED): all move at once, and their events are built
        // from one read of their rows.
        sql.sql("update orders set state = ?, confirmed_at = ? where checkout_id = ?")
                .params(OrderState.RESERVED.moveTo(OrderState.CONFIRMED).name(), Timestamp.from(now), c.id()).update();
        for (OrderConfirmed confirmed : events.confirmedOrders(c.id(), now)) {
            UUID orderId = confirmed.orderId();
            events.timeline(orderId, OrderState.CONFIRMED, "paid, payment " + reference);
            outbox.append(EventCatalog.COMMIT_STOCK, orderId.toString(), new CommitStock(orderId));
            outbox.append(EventCatalog.ORDER_CONFIRMED, orderId.toString(), confirmed);
        }
        if (!"NONE".equals(c.couponsState())) {
            outbox.append(EventCatalog.REDEEM_COUPONS, c.id().toString(), new RedeemCoupons(c.id()));
        }
        // What was bought leaves the cart; what was not stays for later.
        sql.sql("""
                delete from cart_items where shopper_id = (select shopper_id from checkouts where id = :checkout)
                  and sku_id in (select l.sku_id from order_lines l join orders o on o.id = l.order_id where o.checkout_id = :checkout)""")
                .param("checkout", c.id()).update();
        finished(c, "confirmed");
    }

    /**
     * Cancels the checkout and compensates every step that may have happened: stock released for each order and
     * coupons unlocked, even where no hold was confirmed yet, because a hold may still be on its way (the
     * participants refuse a hold that arrives after its release).
     */
    void cancel(Checkout c, Reason reason, String detail) {
        Instant now = clock.instant();
        sql.sql("update checkouts set state = ?, cancel_reason = ?, cancel_detail = ?, updated_at = now() where id = ?")
                .params(c.state().moveTo(CheckoutState.CANCELLED).name(), reason.name(), detail, c.id()).update();
        for (UUID orderId : orders(c.id())) {
            OrderState state = OrderState.valueOf(sql.sql("select state from orders where id = ?").param(orderId)
                    .query(String.class).single());
            sql.sql("update orders set state = ?, cancelled_at = ? where id = ?")
                    .params(state.moveTo(OrderState.CANCELLED).name(), Timestamp.from(now), orderId).update();
            events.timeline(orderId, OrderState.CANCELLED, reason + ": " + detail);
            outbox.append(EventCatalog.RELEASE_STOCK, orderId.toString(), new ReleaseStock(orderId, reason.name()));
            outbox.append(EventCatalog.ORDER_CANCELLED, orderId.toString(), events.cancelled(orderId, reason, detail, now));
        }
        if (!"NONE".equals(c.couponsState())) {
            outbox.append(EventCatalog.UNLOCK_COUPONS, c.id().toString(), new UnlockCoupons(c.id(), reason.name()));
        }
        if (c.state() == CheckoutState.PAYING) {
            payments.refundIfCharged(c.id());
        }
        meters.counter("festival.orders.checkouts.cancelled", "reason", reason.name()).increment();
        finished(c, "cancelled");
    }

    /** For the sweeper and the shopper: cancels if the checkout is still in one of the given states. */
    @Transactional
    public boolean cancelIfIn(UUID checkoutId, List<CheckoutState> states, Reason reason, String detail) {
        Optional<Checkout> c = lock(checkoutId).filter(x -> states.contains(x.state()));
        c.ifPresent(x -> cancel(x, reason, detail));
        return c.isPresent();
    }

    private List<UUID> orders(UUID checkoutId) {
        return sql.sql("select id from orders where checkout_id = ? order by id").param(checkoutId).query(UUID.class).list();
    }

    private void finished(Checkout c, String outcome) {
        Timer.builder("festival.orders.checkout.saga").description("checkout placed to confirmed or cancelled, wall time")
                .tag("outcome", outcome).publishPercentileHistogram().register(meters)
                .record(Duration.between(c.createdAt(), Instant.now()));
        afterCommit(() -> {
            admission.settled(c.id(), c.createdAt());
            outcomes.finished(c.id());
        });
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
