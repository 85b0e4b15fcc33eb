package io.singlesday.coupon.qr;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.coupon.issue.CouponIssuer;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.NotNull;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Pop-up store QR codes: a code printed in one store; scanning it claims that store's coupon, within the limits. */
@Service
public class QrCodes {

    private static final SecureRandom random = new SecureRandom();

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final CouponIssuer issuer;
    private final FestivalClock clock;

    public QrCodes(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, CouponIssuer issuer,
                   FestivalClock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.issuer = issuer;
        this.clock = clock;
    }

    public record QrRequest(@NotNull UUID campaignId, @NotNull Instant validUntil) {
    }

    public record QrCode(String code, UUID campaignId, UUID storeId, Instant validUntil) {
    }

    public QrCode create(QrRequest r) {
        Campaigns.Campaign campaign = campaigns.find(r.campaignId());
        if (campaign.scope() != Scope.STORE) {
            throw ApiProblem.badRequest("A pop-up QR code is bound to a store: its campaign must be a STORE campaign");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String code = "QR-" + HexFormat.of().formatHex(bytes).toUpperCase();
        sql.sql("insert into qr_codes (code, campaign_id, store_id, valid_until) values (?, ?, ?, ?)")
                .params(code, campaign.id(), campaign.storeId(), Timestamp.from(r.validUntil())).update();
        return new QrCode(code, campaign.id(), campaign.storeId(), r.validUntil());
    }

    public String scan(String code, String shopperId) {
        QrCode qr = sql.sql("select code, campaign_id, store_id, valid_until from qr_codes where code = ?").param(code)
                .query((rs, n) -> new QrCode(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant()))
                .optional().orElseThrow(() -> ApiProblem.notFound("Unknown QR code"));
        Instant now = clock.instant();
        if (!now.isBefore(qr.validUntil())) {
            throw ApiProblem.unprocessable("This QR code expired at " + qr.validUntil());
        }
        return transactions.execute(status -> issuer.issue(campaigns.find(qr.campaignId()), shopperId, now));
    }
}
