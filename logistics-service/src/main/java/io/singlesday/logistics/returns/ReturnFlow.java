package io.singlesday.logistics.returns;

import io.singlesday.logistics.flow.FlowSettings;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves returns along on the festival clock, two set-based updates per tick: a courier collects a return a few
 * hours after its parcel was delivered (never before: the shopper cannot send back what has not arrived), and the
 * warehouse receives it after a day on the road. Both moves are conditional on the state they leave, so two instances
 * ticking at once move each return once.
 */
@Component
public class ReturnFlow {

    static final Duration PICKUP = Duration.ofHours(4);
    static final Duration ON_THE_ROAD = Duration.ofHours(24);

    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;
    private final FlowSettings settings;

    public ReturnFlow(JdbcClient sql, TransactionTemplate transactions, FestivalClock clock, FlowSettings settings) {
        this.sql = sql;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${logistics.flow.tick}")
    void tick() {
        if (settings.enabled()) {
            advanceTo(clock.instant());
        }
    }

    /** Moves every return due at this festival instant; returns how many moved. */
    public int advanceTo(Instant now) {
        if (!Boolean.TRUE.equals(sql.sql("select exists (select 1 from return_parcels where state <> 'RECEIVED')")
                .query(Boolean.class).single())) {
            // Nothing on its way back: one look along the partial index instead of a transaction of two updates.
            return 0;
        }
        Timestamp at = Timestamp.from(now);
        Integer moved = transactions.execute(status -> sql.sql("""
                update return_parcels r set state = 'RECEIVED', state_since = ?
                where r.state = 'IN_TRANSIT' and r.state_since <= ?""")
                .params(at, Timestamp.from(now.minus(ON_THE_ROAD))).update()
                + sql.sql("""
                update return_parcels r set state = 'IN_TRANSIT', state_since = ?
                from parcels p
                where p.id = r.parcel_id and r.state = 'AWAITING_PICKUP' and p.state = 'DELIVERED'
                  and greatest(r.state_since, p.delivered_at) <= ?""")
                .params(at, Timestamp.from(now.minus(PICKUP))).update());
        return moved == null ? 0 : moved;
    }
}
