package io.singlesday.coupon.claim;

import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.coupon.issue.CouponIssuer;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Claims by click, in the campaign's claim window; the wallet a shopper sees. */
@Service
public class Claims {

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final CouponIssuer issuer;
    private final FestivalClock clock;

    public Claims(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, CouponIssuer issuer,
                  FestivalClock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.issuer = issuer;
        this.clock = clock;
    }

    public record WalletCoupon(String code, UUID campaignId, String title, String scope, UUID storeId, long thresholdFen,
                               long discountFen, boolean stepped, String state, Instant redeemFrom, Instant redeemUntil) {
    }

    public WalletCoupon claim(UUID campaignId, String shopperId) {
        Campaigns.Campaign campaign = campaigns.find(campaignId);
        Instant now = clock.instant();
        if (now.isBefore(campaign.claimFrom()) || !now.isBefore(campaign.claimUntil())) {
            throw ApiProblem.conflict("Campaign " + campaignId + " can be collected from " + campaign.claimFrom()
                    + " until " + campaign.claimUntil() + " (festival time); it is now " + now);
        }
        String code = transactions.execute(status -> issuer.issue(campaign, shopperId, now));
        return wallet(shopperId).stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    public List<WalletCoupon> wallet(String shopperId) {
        return sql.sql("""
                select c.code, c.campaign_id, k.title, k.scope, k.store_id, k.threshold_fen, k.discount_fen, k.stepped,
                       c.state, k.redeem_from, k.redeem_until
                from coupons c join campaigns k on k.id = c.campaign_id where c.shopper_id = ? order by c.issued_at desc""")
                .param(shopperId)
                .query((rs, n) -> new WalletCoupon(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getLong(6), rs.getLong(7), rs.getBoolean(8),
                        rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()))
                .list();
    }
}
