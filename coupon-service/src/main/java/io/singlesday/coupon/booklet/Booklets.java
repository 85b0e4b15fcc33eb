package io.singlesday.coupon.booklet;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.coupon.issue.CouponIssuer;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.kafka.PollTransaction;
import io.singlesday.platform.tracing.TraceHop;
import io.singlesday.platform.web.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The coupon booklet: buy from a partner brand (a confirmed order) and collect its stamp; with enough stamps the
 * reward coupon is issued, once. Stamps and rewards are keyed, and the order event is applied once by id.
 */
@Service
public class Booklets {

    private static final String CONSUMER = "coupon-booklets";
    private static final EventTypeHeader.Wanted CONFIRMED = EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED);

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final Campaigns campaigns;
    private final CouponIssuer issuer;
    private final ProcessedEvents processed;
    private final PollTransaction poll;
    private final FestivalClock clock;

    public Booklets(JdbcClient sql, TransactionTemplate transactions, Campaigns campaigns, CouponIssuer issuer,
                    ProcessedEvents processed, EventCodec codec, FestivalClock clock, TraceHop traces) {
        this.sql = sql;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.issuer = issuer;
        this.processed = processed;
        this.poll = new PollTransaction(transactions, codec, traces);
        this.clock = clock;
    }

    public record BookletRequest(@NotBlank String title, @NotNull UUID rewardCampaignId,
                                 @NotEmpty @Size(max = 1000) List<@NotNull UUID> partnerBrandIds,
                                 @Min(1) @Max(1000) int stampsRequired) {
    }

    public record Booklet(UUID id, String title, UUID rewardCampaignId, List<UUID> partnerBrandIds, int stampsRequired) {
    }

    public record Progress(UUID bookletId, int stamps, int stampsRequired, List<UUID> stampedBrands, String rewardCode) {
    }

    public Booklet create(BookletRequest r) {
        campaigns.find(r.rewardCampaignId());
        if (r.stampsRequired() > r.partnerBrandIds().size()) {
            throw ApiProblem.badRequest("stampsRequired exceeds the number of partner brands");
        }
        UUID id = UUID.randomUUID();
        sql.sql("insert into booklets (id, title, reward_campaign_id, partner_brand_ids, stamps_required) values (?, ?, ?, ?, ?)")
                .params(id, r.title(), r.rewardCampaignId(), r.partnerBrandIds().toArray(UUID[]::new), r.stampsRequired())
                .update();
        return new Booklet(id, r.title(), r.rewardCampaignId(), r.partnerBrandIds(), r.stampsRequired());
    }

    public Progress progress(UUID bookletId, String shopperId) {
        int required = sql.sql("select stamps_required from booklets where id = ?").param(bookletId).query(Integer.class)
                .optional().orElseThrow(() -> ApiProblem.notFound("No booklet " + bookletId));
        List<UUID> stamped = sql.sql("select brand_id from booklet_stamps where booklet_id = ? and shopper_id = ? order by stamped_at")
                .params(bookletId, shopperId).query(UUID.class).list();
        String reward = sql.sql("select code from booklet_rewards where booklet_id = ? and shopper_id = ?")
                .params(bookletId, shopperId).query(String.class).optional().orElse(null);
        return new Progress(bookletId, stamped.size(), required, stamped, reward);
    }

    /**
     * Nobody waits on a stamp, so the consumer lets orders gather for up to half a second at the peak, passes over
     * every event but OrderConfirmed by its type header, and applies a poll in one transaction ({@link PollTransaction}).
     */
    @KafkaListener(id = CONSUMER, groupId = "${spring.application.name}-booklets", topics = Topics.Names.ORDERS_EVENTS,
            batch = "true", properties = {"fetch.min.bytes=${coupon.booklets.fetch-min-bytes:32768}",
            "fetch.max.wait.ms=${coupon.booklets.fetch-max-wait-ms:500}"})
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        poll.apply(records, CONFIRMED, events -> {
        }, event -> {
            OrderConfirmed order = (OrderConfirmed) event.payload();
            if (processed.firstDelivery(CONSUMER, event.eventId())) {
                stamp(order.shopperId(), order.brandId());
            }
        });
    }

    private void stamp(String shopperId, UUID brandId) {
        Instant now = clock.instant();
        List<UUID> booklets = sql.sql("select id from booklets where ? = any(partner_brand_ids)").param(brandId).query(UUID.class).list();
        for (UUID booklet : booklets) {
            sql.sql("insert into booklet_stamps (booklet_id, shopper_id, brand_id, stamped_at) values (?, ?, ?, ?) on conflict do nothing")
                    .params(booklet, shopperId, brandId, Timestamp.from(now)).update();
            record Due(UUID campaign, int required, int stamps) {
            }
            Due due = sql.sql("""
                    select b.reward_campaign_id, b.stamps_required,
                           (select count(*) from booklet_stamps s where s.booklet_id = b.id and s.shopper_id = ?)
                    from booklets b where b.id = ?""")
                    .params(shopperId, booklet)
                    .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).single();
            if (due.stamps() >= due.required()) {
                sql.sql("insert into booklet_rewards (booklet_id, shopper_id) values (?, ?) on conflict do nothing")
                        .params(booklet, shopperId).update();
            }
        }
    }

    /**
     * Issues the rewards that stamps have made due, each in its own transaction, after the stamp committed: a
     * reward the campaign cannot give (sold out) is recorded with its reason instead of failing the stamp, and a
     * crash between stamp and reward leaves the reward due for the next run.
     */
    @Scheduled(fixedDelayString = "${coupon.booklets.reward-every:500ms}")
    public void issueDueRewards() {
        record Due(UUID booklet, String shopperId, UUID campaign) {
        }
        List<Due> due = sql.sql("""
                select r.booklet_id, r.shopper_id, b.reward_campaign_id from booklet_rewards r join booklets b on b.id = r.booklet_id
                where r.code is null and r.problem is null limit 200""")
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class))).list();
        for (Due d : due) {
            try {
                transactions.executeWithoutResult(status -> {
                    boolean stillDue = sql.sql("""
                            select 1 from booklet_rewards where booklet_id = ? and shopper_id = ? and code is null for update""")
                            .params(d.booklet(), d.shopperId()).query(Integer.class).optional().isPresent();
                    if (stillDue) {
                        String code = issuer.issue(campaigns.find(d.campaign()), d.shopperId(), clock.instant());
                        sql.sql("update booklet_rewards set code = ? where booklet_id = ? and shopper_id = ?")
                                .params(code, d.booklet(), d.shopperId()).update();
                    }
                });
            } catch (ApiProblem refused) {
                sql.sql("update booklet_rewards set problem = ? where booklet_id = ? and shopper_id = ? and code is null")
                        .params(refused.getBody().getDetail(), d.booklet(), d.shopperId()).update();
            }
        }
    }
}
