package io.singlesday.catalog.onboarding;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.IncubationTargetReached;
import io.singlesday.contracts.catalog.LivestreamSlotAwarded;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.inbox.ProcessedEvents;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Incubation progress from confirmed orders, net of returns: GMV (what shoppers paid) is attributed to each line's
 * brand, counted once per event, and only while the brand's 90 days run; a refund takes its amount back out of the
 * month and the incubation its order was confirmed in. Crossing a commission tier moves the brand's commission
 * (down as GMV grows, back up if returns take it below the tier); crossing the target is announced once and a later
 * return does not withdraw the announcement.
 */
@Service
public class IncubationLedger {

    public static final String CONSUMER = "catalog-incubation";

    private final JdbcClient sql;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final IncubationProperties properties;
    private final FestivalClock clock;

    public IncubationLedger(JdbcClient sql, ProcessedEvents processed, Outbox outbox, IncubationProperties properties,
                            FestivalClock clock) {
        this.sql = sql;
        this.processed = processed;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void onOrderConfirmed(UUID eventId, OrderConfirmed order) {
        if (processed.firstDelivery(CONSUMER, eventId)) {
            addSale(order);
        }
    }

    /** For a caller that has already made sure the event is applied once (inside its transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addSale(OrderConfirmed order) {
        credit(order.confirmedAt(), order.lines().stream()
                .collect(Collectors.groupingBy(OrderConfirmed.Line::brandId, Collectors.summingLong(l -> l.paid().minor()))));
    }

    /**
     * Counts what brands were paid (fen by brand) for an order confirmed at {@code confirmedAt}: a sale, or an order
     * judged not brushed after all coming back into the tallies.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void credit(Instant confirmedAt, Map<UUID, Long> paidByBrand) {
        String month = YearMonth.from(confirmedAt.atZone(FestivalClock.BEIJING)).toString();
        Timestamp at = Timestamp.from(confirmedAt);
        paidByBrand.forEach((brand, paid) -> {
            sql.sql("""
                    insert into brand_monthly_gmv (brand_id, month, gmv_fen) select ?, ?, ? where exists (select 1 from brands where id = ?)
                    on conflict (brand_id, month) do update set gmv_fen = brand_monthly_gmv.gmv_fen + excluded.gmv_fen""")
                    .params(brand, month, paid, brand).update();
            sql.sql("""
                    update incubations set gmv_fen = gmv_fen + ?
                    where brand_id = ? and started_at <= ? and ends_at > ?
                    returning gmv_fen, target_fen, reached_at""")
                    .params(paid, brand, at, at)
                    .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getTimestamp(3) == null ? 0 : 1})
                    .optional()
                    .ifPresent(progress -> afterProgress(brand, progress[0], progress[1], progress[2] == 1, confirmedAt));
        });
    }

    @Transactional
    public void onOrderRefunded(UUID eventId, OrderRefunded refund) {
        if (processed.firstDelivery(CONSUMER, eventId)) {
            takeBack(refund);
        }
    }

    /** For a caller that has already made sure the event is applied once (inside its transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeBack(OrderRefunded refund) {
        debit(refund.confirmedAt(), refund.lines().stream()
                .collect(Collectors.groupingBy(OrderRefunded.Line::brandId, Collectors.summingLong(l -> l.amount().minor()))));
    }

    /**
     * Takes amounts (fen by brand) back out of the month and the incubation an order was confirmed in: a refund, or
     * an order judged brushed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void debit(Instant confirmedAt, Map<UUID, Long> backByBrand) {
        String month = YearMonth.from(confirmedAt.atZone(FestivalClock.BEIJING)).toString();
        Timestamp at = Timestamp.from(confirmedAt);
        backByBrand.forEach((brand, back) -> {
            sql.sql("update brand_monthly_gmv set gmv_fen = greatest(0, gmv_fen - ?) where brand_id = ? and month = ?")
                    .params(back, brand, month).update();
            sql.sql("""
                    update incubations set gmv_fen = greatest(0, gmv_fen - ?)
                    where brand_id = ? and started_at <= ? and ends_at > ?
                    returning gmv_fen""")
                    .params(back, brand, at, at)
                    .query(Long.class)
                    .optional()
                    .ifPresent(gmv -> {
                        int commission = properties.commissionFor(gmv);
                        sql.sql("update brands set commission_bp = ? where id = ? and commission_bp <> ?")
                                .params(commission, brand, commission).update();
                    });
        });
    }

    private void afterProgress(UUID brand, long gmv, long target, boolean reachedBefore, Instant at) {
        int commission = properties.commissionFor(gmv);
        sql.sql("update brands set commission_bp = ? where id = ? and commission_bp <> ?").params(commission, brand, commission).update();
        if (!reachedBefore && gmv >= target) {
            sql.sql("update incubations set reached_at = ? where brand_id = ?").params(Timestamp.from(at), brand).update();
            outbox.append(EventCatalog.INCUBATION_TARGET_REACHED, brand.toString(),
                    new IncubationTargetReached(brand, Money.fen(gmv), Money.fen(target), at, commission));
        }
    }

    /**
     * On the 21st (festival time) the top incubation brands by the previous month's GMV win a livestream slot.
     * Awards are keyed by month and rank, so running this again the same day awards nobody twice.
     */
    @Transactional
    public List<LivestreamSlotAwarded> awardIfDue() {
        ZonedDateTime now = clock.now();
        if (now.getDayOfMonth() != 21) {
            return List.of();
        }
        String month = YearMonth.from(now).minusMonths(1).toString();
        Timestamp monthStart = Timestamp.from(YearMonth.from(now).minusMonths(1).atDay(1).atStartOfDay(FestivalClock.BEIJING).toInstant());
        List<LivestreamSlotAwarded> winners = sql.sql("""
                select g.brand_id, b.name, g.gmv_fen from brand_monthly_gmv g
                join incubations i on i.brand_id = g.brand_id join brands b on b.id = g.brand_id
                where g.month = :month and g.gmv_fen > 0 and i.ends_at > :monthStart
                  and not exists (select 1 from livestream_awards a where a.month = :month)
                order by g.gmv_fen desc, g.brand_id limit :n""")
                .param("month", month).param("monthStart", monthStart).param("n", properties.awardsPerMonth())
                .query((rs, n) -> new LivestreamSlotAwarded(rs.getObject(1, UUID.class), rs.getString(2), month, n + 1,
                        Money.fen(rs.getLong(3))))
                .list();
        for (LivestreamSlotAwarded award : winners) {
            int inserted = sql.sql("insert into livestream_awards (month, rank, brand_id, gmv_fen, awarded_at) values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(month, award.rank(), award.brandId(), award.gmvThatMonth().minor(), Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 1) {
                outbox.append(EventCatalog.LIVESTREAM_SLOT_AWARDED, award.brandId().toString(), award);
            }
        }
        return winners;
    }
}
