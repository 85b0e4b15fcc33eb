package io.singlesday.coupon.draw;

import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.coupon.issue.CouponIssuer;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prize draws. Each entry wins with the draw's chance; a win costs the prize campaign's discount from the budget
 * through one conditional update ({@code spent + prize <= budget}), so the budget is never exceeded however many
 * enter at once. A win that finds the budget just spent is answered as a loss; entering a draw whose budget is
 * already gone is a 410.
 */
@Service
public class Draws {

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final CouponIssuer issuer;
    private final FestivalClock clock;

    public Draws(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, CouponIssuer issuer,
                 FestivalClock clock) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.issuer = issuer;
        this.clock = clock;
    }

    public record DrawRequest(@NotNull UUID campaignId, @NotBlank String title,
                              @Min(1) @Max(value = 10_000, message = "at most 10000 basis points (certain win)") int winChanceBp,
                              @Min(1) long budgetFen, @Min(1) @Max(100) int entriesPerShopper,
                              @NotNull Instant opensAt, @NotNull Instant closesAt) {
    }

    public record Draw(UUID id, UUID campaignId, String title, int winChanceBp, long budgetFen, long spentFen,
                       int entriesPerShopper, Instant opensAt, Instant closesAt) {
    }

    public record Entry(boolean won, String code, String detail) {
    }

    public Draw create(DrawRequest r) {
        if (!r.opensAt().isBefore(r.closesAt())) {
            throw ApiProblem.badRequest("opensAt must be before closesAt");
        }
        Campaigns.Campaign prize = campaigns.find(r.campaignId());
        if (r.budgetFen() < prize.discountFen()) {
            throw ApiProblem.badRequest("The budget does not cover a single prize of " + prize.discountFen() + " fen");
        }
        UUID id = UUID.randomUUID();
        sql.sql("""
                insert into draws (id, campaign_id, title, win_chance_bp, budget_fen, entries_per_shopper, opens_at, closes_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, r.campaignId(), r.title(), r.winChanceBp(), r.budgetFen(), r.entriesPerShopper(),
                        Timestamp.from(r.opensAt()), Timestamp.from(r.closesAt()))
                .update();
        return find(id);
    }

    public Draw find(UUID id) {
        return sql.sql("""
                select id, campaign_id, title, win_chance_bp, budget_fen, spent_fen, entries_per_shopper, opens_at, closes_at
                from draws where id = ?""")
                .param(id)
                .query((rs, n) -> new Draw(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()))
                .optional().orElseThrow(() -> ApiProblem.notFound("No draw " + id));
    }

    public Entry enter(UUID drawId, String shopperId) {
        Draw draw = find(drawId);
        Campaigns.Campaign prize = campaigns.find(draw.campaignId());
        Instant now = clock.instant();
        if (now.isBefore(draw.opensAt()) || !now.isBefore(draw.closesAt())) {
            throw ApiProblem.conflict("This draw runs from " + draw.opensAt() + " until " + draw.closesAt() + " (festival time)");
        }
        if (draw.spentFen() + prize.discountFen() > draw.budgetFen()) {
            throw new ApiProblem(HttpStatus.GONE, "This draw's prize budget is spent");
        }
        return transactions.execute(status -> {
            int entered = sql.sql("""
                    insert into draw_entries (draw_id, shopper_id, entries) values (?, ?, 1)
                    on conflict (draw_id, shopper_id) do update set entries = draw_entries.entries + 1
                    where draw_entries.entries < ?""")
                    .params(drawId, shopperId, draw.entriesPerShopper()).update();
            if (entered == 0) {
                throw ApiProblem.conflict("You have used your " + draw.entriesPerShopper() + " entries");
            }
            if (ThreadLocalRandom.current().nextInt(10_000) >= draw.winChanceBp()) {
                return new Entry(false, null, "No prize this time");
            }
            int paid = sql.sql("update draws set spent_fen = spent_fen + ? where id = ? and spent_fen + ? <= budget_fen")
                    .params(prize.discountFen(), drawId, prize.discountFen()).update();
            if (paid == 0) {
                return new Entry(false, null, "You drew a prize, but the budget ran out a moment ago");
            }
            sql.sql("update draw_entries set wins = wins + 1 where draw_id = ? and shopper_id = ?").params(drawId, shopperId).update();
            return new Entry(true, issuer.issue(prize, shopperId, now), "You won " + prize.title());
        });
    }
}
