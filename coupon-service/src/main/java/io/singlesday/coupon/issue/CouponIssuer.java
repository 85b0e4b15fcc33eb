package io.singlesday.coupon.issue;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.platform.outbox.Outbox;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.platform.web.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The one way a coupon comes into being, whatever the game (a click, a draw, a cat, a booklet, a QR code). Two
 * conditional updates decide it: the campaign's {@code issued < total_stock} and the shopper's
 * {@code claimed < per_shopper}; the coupon row and its CouponIssued event join the caller's transaction, so a
 * refused or rolled-back issue leaves nothing behind and no interleaving issues beyond either limit.
 */
@Component
public class CouponIssuer {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom random = new SecureRandom();

    private final JdbcClient sql;
    private final Outbox outbox;

    public CouponIssuer(JdbcClient sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public String issue(Campaigns.Campaign campaign, String shopperId, Instant festivalNow) {
        int stock = sql.sql("update campaigns set issued = issued + 1 where id = ? and issued < total_stock")
                .param(campaign.id()).update();
        if (stock == 0) {
            throw new ApiProblem(HttpStatus.GONE, ProblemType.SOLD_OUT, "Sold out: all " + campaign.totalStock() + " coupons of this campaign are gone");
        }
        int mine = sql.sql("""
                insert into shopper_claims (campaign_id, shopper_id, claimed) values (?, ?, 1)
                on conflict (campaign_id, shopper_id) do update set claimed = shopper_claims.claimed + 1
                where shopper_claims.claimed < ?""")
                .params(campaign.id(), shopperId, campaign.perShopper()).update();
        if (mine == 0) {
            throw new ApiProblem(HttpStatus.CONFLICT, ProblemType.OVER_LIMIT,
                    "You already hold the " + campaign.perShopper() + " coupon(s) allowed per shopper");
        }
        String code = newCode();
        sql.sql("insert into coupons (code, campaign_id, shopper_id, state, issued_at) values (?, ?, ?, 'ISSUED', ?)")
                .params(code, campaign.id(), shopperId, Timestamp.from(festivalNow)).update();
        outbox.append(EventCatalog.COUPON_ISSUED, shopperId, new CouponIssued(code, campaign.id(), shopperId,
                campaign.scope(), campaign.storeId(), campaign.productId(), Money.fen(campaign.thresholdFen()), Money.fen(campaign.discountFen()),
                campaign.stepped(), campaign.redeemFrom(), campaign.redeemUntil(), festivalNow));
        return code;
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder("C-");
        for (int i = 0; i < 12; i++) {
            code.append(i == 4 || i == 8 ? "-" : "").append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
