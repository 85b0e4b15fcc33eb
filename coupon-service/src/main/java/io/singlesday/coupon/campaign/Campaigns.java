package io.singlesday.coupon.campaign;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.coupon.store.StoreReadModel;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators create platform vouchers and any store's coupons; a brand creates coupons for its own store only. */
@Service
public class Campaigns {

    private final JdbcClient sql;
    private final StoreReadModel stores;

    public Campaigns(JdbcClient sql, StoreReadModel stores) {
        this.sql = sql;
        this.stores = stores;
    }

    public record Campaign(UUID id, Scope scope, UUID storeId, UUID productId, String title, long thresholdFen, long discountFen,
                           boolean stepped, int totalStock, int issued, int perShopper, Instant claimFrom,
                           Instant claimUntil, Instant redeemFrom, Instant redeemUntil) {
    }

    public Campaign create(CampaignRequest r, Caller caller) {
        if (!r.claimFrom().isBefore(r.claimUntil()) || !r.redeemFrom().isBefore(r.redeemUntil())) {
            throw ApiProblem.badRequest("Each window must start before it ends (claimFrom < claimUntil, redeemFrom < redeemUntil)");
        }
        if (r.thresholdFen() > 0 && r.discountFen() > r.thresholdFen()) {
            throw ApiProblem.badRequest("discountFen must not exceed thresholdFen");
        }
        UUID storeId = r.storeId();
        if ((r.scope() == Scope.PRODUCT) != (r.productId() != null)) {
            throw ApiProblem.badRequest("A productId is given for, and only for, a PRODUCT coupon");
        }
        if (r.scope() == Scope.PLATFORM) {
            if (!caller.has(Role.OPERATOR)) {
                throw ApiProblem.forbidden("Only operators create platform vouchers");
            }
            if (storeId != null) {
                throw ApiProblem.badRequest("A platform voucher has no storeId");
            }
        } else if (caller.has(Role.OPERATOR)) {
            if (storeId == null) {
                throw ApiProblem.badRequest("A store or product coupon needs a storeId");
            }
        } else {
            UUID brand = caller.brandUuid().orElseThrow(() -> ApiProblem.forbidden("The token's brand is not a catalog brand id"));
            UUID own = stores.openStoreOf(brand).orElse(null);
            if (own == null) {
                throw ApiProblem.conflict("Your brand has no open store to run coupons in");
            }
            if (storeId != null && !storeId.equals(own)) {
                throw ApiProblem.forbidden("A brand creates coupons for its own store only");
            }
            storeId = own;
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into campaigns (id, scope, store_id, product_id, title, threshold_fen, discount_fen, currency, stepped,
                                       total_stock, per_shopper, claim_from, claim_until, redeem_from, redeem_until, created_by)
                values (?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.scope().name(), storeId, r.productId(), r.title(), r.thresholdFen(), r.discountFen(), r.stepped(),
                        r.totalStock(), r.perShopper(), Timestamp.from(r.claimFrom()), Timestamp.from(r.claimUntil()),
                        Timestamp.from(r.redeemFrom()), Timestamp.from(r.redeemUntil()), caller.subject())
                .update();
        return find(id);
    }

    public Campaign find(UUID id) {
        return query("where id = ?", id).stream().findFirst().orElseThrow(() -> ApiProblem.notFound("No campaign " + id));
    }

    public List<Campaign> list() {
        return query("order by created_at desc limit 200");
    }

    private List<Campaign> query(String tail, Object... params) {
        return sql.sql("""
                select id, scope, store_id, title, threshold_fen, discount_fen, stepped, total_stock, issued, per_shopper,
                       claim_from, claim_until, redeem_from, redeem_until, product_id from campaigns\s""" + tail)
                .params(params)
                .query((rs, n) -> new Campaign(rs.getObject(1, UUID.class), Scope.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class), rs.getObject(15, UUID.class), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getBoolean(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                        rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(),
                        rs.getTimestamp(14).toInstant()))
                .list();
    }
}
