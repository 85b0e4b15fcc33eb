package io.singlesday.order.wallet;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@Component
public class Wallet {

    private final JdbcClient sql;

    public Wallet(JdbcClient sql) {
        this.sql = sql;
    }

    /** The caller's coupons among these codes; someone else's code is simply not found. */
    public List<WalletCoupon> find(String shopperId, Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return sql.sql("""
                select code, shopper_id, scope, store_id, threshold_fen, discount_fen, stepped, redeem_from, redeem_until,
                       product_id
                from wallet_coupons where shopper_id = ? and code = any(?)""")
                .params(shopperId, codes.toArray(String[]::new))
                .query((rs, n) -> new WalletCoupon(rs.getString(1), rs.getString(2), Scope.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class), rs.getObject(10, UUID.class), rs.getLong(5), rs.getLong(6),
                        rs.getBoolean(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()))
                .list();
    }
}
