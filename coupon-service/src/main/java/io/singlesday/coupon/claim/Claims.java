package io.singlesday.coupon.claim;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Issues coupons. Two conditional updates decide a claim: the campaign's {@code issued < total_stock} and the
 * shopper's {@code claimed < per_shopper}; both in one transaction with the coupon and its event, so no
 * interleaving of any number of claims issues beyond either limit, and a refused claim leaves nothing behind.
 */
@Service
public class Claims {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom random = new SecureRandom();

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final Outbox outbox;
    private final FestivalClock clock;

    public Claims(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, Outbox outbox, FestivalClock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.outbox = outbox;
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
        String code = newCode();
        transactions.executeWithoutResult(status -> {
            int stock = sql.sql("update campaigns set issued = issued + 1 where id = ? and issued < total_stock")
                    .param(campaignId).update();
            if (stock == 0) {
                throw ApiProblem.conflict("All " + campaign.totalStock() + " coupons of this campaign have been claimed");
            }
            int mine = sql.sql("""
                    insert into shopper_claims (campaign_id, shopper_id, claimed) values (?, ?, 1)
                    on conflict (campaign_id, shopper_id) do update set claimed = shopper_claims.claimed + 1
                    where shopper_claims.claimed < ?""")
                    .params(campaignId, shopperId, campaign.perShopper()).update();
            if (mine == 0) {
                throw ApiProblem.conflict("You already hold the " + campaign.perShopper() + " coupon(s) allowed per shopper");
            }
            sql.sql("insert into coupons (code, campaign_id, shopper_id, state, issued_at) values (?, ?, ?, 'ISSUED', ?)")
                    .params(code, campaignId, shopperId, Timestamp.from(now)).update();
            outbox.append(EventCatalog.COUPON_ISSUED, shopperId, new CouponIssued(code, campaignId, shopperId,
                    campaign.scope(), campaign.storeId(), Money.fen(campaign.thresholdFen()), Money.fen(campaign.discountFen()),
                    campaign.stepped(), campaign.redeemFrom(), campaign.redeemUntil(), now));
        });
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

    private static String newCode() {
        StringBuilder code = new StringBuilder("C-");
        for (int i = 0; i < 12; i++) {
            code.append(i == 4 || i == 8 ? "-" : "").append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
