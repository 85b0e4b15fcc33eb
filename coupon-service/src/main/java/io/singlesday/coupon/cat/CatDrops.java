package io.singlesday.coupon.cat;

import io.singlesday.platform.geo.GreatCircle;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.coupon.issue.CouponIssuer;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Catch the Cat. Operators drop a cat at a place and time; a shopper who reports a position inside its radius
 * during its window catches it, once, and gets the drop's coupon. A position too far from the shopper's last
 * one for the festival time between them (faster than an airliner) is refused as impossible travel. A refused
 * catch leaves nothing behind, its position included, so a spoofed jump cannot be laundered by reporting again.
 */
@Service
public class CatDrops {

    /** About 1,000 km/h: anything faster between two reports is not a shopper walking around a city. */
    static final double MAX_SPEED_M_PER_S = 280;

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final CouponIssuer issuer;
    private final FestivalClock clock;

    public CatDrops(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, CouponIssuer issuer,
                    FestivalClock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.issuer = issuer;
        this.clock = clock;
    }

    public record DropRequest(@NotNull UUID campaignId, @NotBlank String title,
                              @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                              @Min(1) @Max(50_000) int radiusM, @NotNull Instant opensAt, @NotNull Instant closesAt) {
    }

    public record Position(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    public record Drop(UUID id, UUID campaignId, String title, double latitude, double longitude, int radiusM,
                       Instant opensAt, Instant closesAt) {
    }

    public record Catch(UUID dropId, String code, long distanceM) {
    }

    public Drop create(DropRequest r) {
        if (!r.opensAt().isBefore(r.closesAt())) {
            throw ApiProblem.badRequest("opensAt must be before closesAt");
        }
        campaigns.find(r.campaignId());
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into cat_drops (id, campaign_id, title, latitude, longitude, radius_m, opens_at, closes_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.campaignId(), r.title(), r.latitude(), r.longitude(), r.radiusM(),
                        Timestamp.from(r.opensAt()), Timestamp.from(r.closesAt()))
                .update();
        return find(id);
    }

    public Drop find(UUID id) {
        return sql.sql("select id, campaign_id, title, latitude, longitude, radius_m, opens_at, closes_at from cat_drops where id = ?")
                .param(id)
                .query((rs, n) -> new Drop(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .optional().orElseThrow(() -> ApiProblem.notFound("No cat drop " + id));
    }

    public Catch tryToCatch(UUID dropId, String shopperId, Position at) {
        Drop drop = find(dropId);
        Instant now = clock.instant();
        return transactions.execute(status -> {
            checkTravel(shopperId, at, now);
            sql.sql("""
                    insert into shopper_positions (shopper_id, latitude, longitude, reported_at) values (?, ?, ?, ?)
                    on conflict (shopper_id) do update set latitude = excluded.latitude, longitude = excluded.longitude,
                        reported_at = excluded.reported_at""")
                    .params(shopperId, at.latitude(), at.longitude(), Timestamp.from(now)).update();
            if (now.isBefore(drop.opensAt()) || !now.isBefore(drop.closesAt())) {
                throw ApiProblem.unprocessable("The cat is here only from " + drop.opensAt() + " until " + drop.closesAt());
            }
            double distance = GreatCircle.metres(drop.latitude(), drop.longitude(), at.latitude(), at.longitude());
            if (distance > drop.radiusM()) {
                throw ApiProblem.unprocessable("Outside the catch radius: " + Math.round(distance) + " m away, the cat is within "
                        + drop.radiusM() + " m");
            }
            boolean caught = sql.sql("select exists (select 1 from cat_catches where drop_id = ? and shopper_id = ?)")
                    .params(dropId, shopperId).query(Boolean.class).single();
            if (caught) {
                throw ApiProblem.conflict("You have already caught this cat");
            }
            String code = issuer.issue(campaigns.find(drop.campaignId()), shopperId, now);
            try {
                sql.sql("insert into cat_catches (drop_id, shopper_id, code, caught_at) values (?, ?, ?, ?)")
                        .params(dropId, shopperId, code, Timestamp.from(now)).update();
            } catch (DuplicateKeyException again) {
                throw ApiProblem.conflict("You have already caught this cat");
            }
            return new Catch(dropId, code, Math.round(distance));
        });
    }

    private void checkTravel(String shopperId, Position at, Instant now) {
        record Last(double lat, double lon, Instant at) {
        }
        Optional<Last> last = sql.sql("select latitude, longitude, reported_at from shopper_positions where shopper_id = ? for update")
                .param(shopperId)
                .query((rs, n) -> new Last(rs.getDouble(1), rs.getDouble(2), rs.getTimestamp(3).toInstant())).optional();
        last.ifPresent(l -> {
            double metres = GreatCircle.metres(l.lat(), l.lon(), at.latitude(), at.longitude());
            double seconds = Math.max(1, Duration.between(l.at(), now).toMillis() / 1000.0);
            if (metres / seconds > MAX_SPEED_M_PER_S) {
                throw ApiProblem.unprocessable("Impossible travel: " + Math.round(metres / 1000) + " km in "
                        + Math.round(seconds) + " s since your last position");
            }
        });
    }
}
