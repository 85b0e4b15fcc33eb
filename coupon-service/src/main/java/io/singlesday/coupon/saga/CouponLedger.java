package io.singlesday.coupon.saga;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.coupons.CouponLockRejected;
import io.singlesday.contracts.coupons.CouponLockRejected.Reason;
import io.singlesday.contracts.coupons.CouponsLocked;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.discounts.CouponTerms;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The coupon service's side of the checkout saga. A lock holds all of a checkout's coupons or none; the answer
 * is recorded per checkout and repeated for a repeated command; an unlock that arrives before its lock (a saga
 * that timed out) closes the checkout, so the late lock is refused instead of holding coupons forever.
 */
@Service
public class CouponLedger {

    private final JdbcClient sql;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;

    public CouponLedger(JdbcClient sql, Outbox outbox, TransactionTemplate transactions, FestivalClock clock) {
        this.sql = sql;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Held(String shopperId, String state, Instant redeemFrom, Instant redeemUntil, String scope,
                        UUID storeId, long thresholdFen, long discountFen, boolean stepped, UUID productId) {
    }

    public void lock(UUID checkoutId, String shopperId, List<String> codes, List<LockCoupons.OrderAmount> orders) {
        try {
            transactions.executeWithoutResult(status -> {
                int first = sql.sql("""
                        insert into checkout_locks (checkout_id, outcome, codes) values (?, 'LOCKED', ?)
                        on conflict (checkout_id) do nothing""")
                        .params(checkoutId, codes.toArray(String[]::new)).update();
                if (first == 0) {
                    repeatRecordedAnswer(checkoutId);
                    return;
                }
                Instant now = clock.instant();
                java.util.Map<String, CouponTerms> rules = new java.util.HashMap<>();
                for (String code : codes.stream().sorted().toList()) {
                    Held held = sql.sql("""
                            select c.shopper_id, c.state, k.redeem_from, k.redeem_until, k.scope, k.store_id, k.threshold_fen,
                                   k.discount_fen, k.stepped, k.product_id
                            from coupons c join campaigns k on k.id = c.campaign_id where c.code = ? for update of c""")
                            .param(code)
                            .query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                    rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getObject(6, UUID.class),
                                    rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getObject(10, UUID.class)))
                            .optional().orElseThrow(() -> new CouponDiscounts.Refused(code, Reason.UNKNOWN_COUPON));
                    if (!held.shopperId().equals(shopperId)) {
                        throw new CouponDiscounts.Refused(code, Reason.NOT_OWNER);
                    }
                    if (!"ISSUED".equals(held.state())) {
                        throw new CouponDiscounts.Refused(code, Reason.ALREADY_USED);
                    }
                    if (now.isBefore(held.redeemFrom()) || !now.isBefore(held.redeemUntil())) {
                        throw new CouponDiscounts.Refused(code, Reason.NOT_REDEEMABLE_NOW);
                    }
                    sql.sql("update coupons set state = 'LOCKED', locked_by = ? where code = ?").params(checkoutId, code).update();
                    rules.put(code, new CouponTerms(code, CouponTerms.Scope.valueOf(held.scope()), held.storeId(),
                            held.productId(), held.thresholdFen(), held.discountFen(), held.stepped()));
                }
                List<CouponsLocked.OrderDiscount> discounts = CouponDiscounts.compute(codes.stream().map(rules::get).toList(), orders);
                sql.sql("""
                        update checkout_locks set discount_codes = ?, discount_orders = ?, discount_fen = ? where checkout_id = ?""")
                        .params(discounts.stream().map(CouponsLocked.OrderDiscount::code).toArray(String[]::new),
                                discounts.stream().map(CouponsLocked.OrderDiscount::orderId).toArray(UUID[]::new),
                                discounts.stream().map(d -> d.amount().minor()).toArray(Long[]::new), checkoutId)
                        .update();
                outbox.append(EventCatalog.COUPONS_LOCKED, checkoutId.toString(), new CouponsLocked(checkoutId, codes, discounts));
            });
        } catch (CouponDiscounts.Refused refused) {
            transactions.executeWithoutResult(status -> {
                int first = sql.sql("""
                        insert into checkout_locks (checkout_id, outcome, code, reason) values (?, 'REJECTED', ?, ?)
                        on conflict (checkout_id) do nothing""")
                        .params(checkoutId, refused.code, refused.reason.name()).update();
                if (first == 0) {
                    repeatRecordedAnswer(checkoutId);
                } else {
                    outbox.append(EventCatalog.COUPON_LOCK_REJECTED, checkoutId.toString(),
                            new CouponLockRejected(checkoutId, refused.code, refused.reason));
                }
            });
        }
    }

    private void repeatRecordedAnswer(UUID checkoutId) {
        record Recorded(String outcome, String code, String reason, List<String> codes,
                        List<CouponsLocked.OrderDiscount> discounts) {
        }
        Optional<Recorded> recorded = sql.sql("""
                select outcome, code, reason, codes, discount_codes, discount_orders, discount_fen
                from checkout_locks where checkout_id = ?""")
                .param(checkoutId)
                .query((rs, n) -> {
                    String[] codes = (String[]) rs.getArray(5).getArray();
                    UUID[] orders = (UUID[]) rs.getArray(6).getArray();
                    Long[] fen = (Long[]) rs.getArray(7).getArray();
                    List<CouponsLocked.OrderDiscount> discounts = new java.util.ArrayList<>();
                    for (int i = 0; i < codes.length; i++) {
                        discounts.add(new CouponsLocked.OrderDiscount(codes[i], orders[i], io.singlesday.contracts.Money.fen(fen[i])));
                    }
                    return new Recorded(rs.getString(1), rs.getString(2), rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray()), discounts);
                })
                .optional();
        recorded.ifPresent(r -> {
            switch (r.outcome()) {
                case "LOCKED", "REDEEMED" -> outbox.append(EventCatalog.COUPONS_LOCKED, checkoutId.toString(),
                        new CouponsLocked(checkoutId, r.codes(), r.discounts()));
                case "RELEASED" -> outbox.append(EventCatalog.COUPON_LOCK_REJECTED, checkoutId.toString(),
                        new CouponLockRejected(checkoutId, null, Reason.CHECKOUT_RELEASED));
                default -> outbox.append(EventCatalog.COUPON_LOCK_REJECTED, checkoutId.toString(),
                        new CouponLockRejected(checkoutId, r.code(), Reason.valueOf(r.reason())));
            }
        });
    }

    @Transactional
    public int unlock(UUID checkoutId) {
        sql.sql("""
                insert into checkout_locks (checkout_id, outcome) values (?, 'RELEASED')
                on conflict (checkout_id) do update set outcome = 'RELEASED' where checkout_locks.outcome = 'LOCKED'""")
                .param(checkoutId).update();
        int freed = sql.sql("update coupons set state = 'ISSUED', locked_by = null where locked_by = ? and state = 'LOCKED'")
                .param(checkoutId).update();
        return freed;
    }

    @Transactional
    public int redeem(UUID checkoutId) {
        int used = sql.sql("update coupons set state = 'REDEEMED', redeemed_at = now() where locked_by = ? and state = 'LOCKED'")
                .param(checkoutId).update();
        sql.sql("update checkout_locks set outcome = 'REDEEMED' where checkout_id = ? and outcome = 'LOCKED'").param(checkoutId).update();
        return used;
    }
}
