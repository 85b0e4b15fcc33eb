package io.singlesday.logistics.flow;

import io.singlesday.logistics.network.NetworkStore;
import io.singlesday.logistics.parcel.ParcelState;
import io.singlesday.logistics.parcel.Parcels;
import io.singlesday.logistics.parcel.Route;
import io.singlesday.logistics.routing.Network;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves parcels along on the festival clock. Picking is bounded by each warehouse's parcels per hour and hand-over
 * to the road by each carrier's, so a midnight spike becomes a backlog that drains over the following days; the
 * other steps take fixed festival times (packing, line haul to the hub or customs, clearance, the last mile) and
 * the line haul its parcel's own time. Steps run from the last to the first, so a parcel moves at most one step
 * per tick, and every step is a timeline row and an event.
 */
@Component
public class ParcelFlow {

    private static final long LOCK = 0x10_61_57_1C;  // one mover at a time across instances

    private record Dwell(ParcelState from, Route route, Duration dwell) {
    }

    private static final List<Dwell> FIXED_STEPS = List.of(
            new Dwell(ParcelState.OUT_FOR_DELIVERY, Route.STANDARD, Duration.ofHours(3)),
            new Dwell(ParcelState.OUT_FOR_DELIVERY, Route.CROSS_BORDER, Duration.ofHours(3)),
            new Dwell(ParcelState.OUT_FOR_DELIVERY, Route.HYPERLOCAL, Duration.ofMinutes(8)),
            new Dwell(ParcelState.CUSTOMS, Route.CROSS_BORDER, Duration.ofHours(2)),
            new Dwell(ParcelState.DISPATCHED, Route.STANDARD, Duration.ofHours(1)),
            new Dwell(ParcelState.DISPATCHED, Route.CROSS_BORDER, Duration.ofHours(1)),
            new Dwell(ParcelState.DISPATCHED, Route.HYPERLOCAL, Duration.ZERO),
            new Dwell(ParcelState.PACKED, Route.HYPERLOCAL, Duration.ofMinutes(2)),
            new Dwell(ParcelState.PICKED, Route.STANDARD, Duration.ofMinutes(15)),
            new Dwell(ParcelState.PICKED, Route.CROSS_BORDER, Duration.ofMinutes(15)),
            new Dwell(ParcelState.PICKED, Route.HYPERLOCAL, Duration.ofMinutes(5)),
            new Dwell(ParcelState.CREATED, Route.HYPERLOCAL, Duration.ofMinutes(3)));

    private final Parcels parcels;
    private final NetworkStore network;
    private final JdbcClient sql;
    private final TransactionTemplate transactions;
    private final FestivalClock clock;
    private final FlowSettings settings;
    private final Map<String, Double> unusedCapacity = new HashMap<>();
    private Instant lastTick;

    public ParcelFlow(Parcels parcels, NetworkStore network, JdbcClient sql, TransactionTemplate transactions,
                      FestivalClock clock, FlowSettings settings) {
        this.parcels = parcels;
        this.network = network;
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

    /** Moves everything that is due at this festival instant; returns how many steps were taken. */
    public synchronized int advanceTo(Instant now) {
        Instant previous = lastTick;
        lastTick = now;
        if (previous == null || !now.isAfter(previous)) {
            return 0;
        }
        if (!parcels.anyOnTheWay()) {
            // An idle service's tick: one indexed look instead of a transaction and some twenty selects.
            return 0;
        }
        double hours = Duration.between(previous, now).toMillis() / 3_600_000.0;
        Integer moved = transactions.execute(status -> {
            if (!sql.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
                return 0;
            }
            Network current = network.current();
            int steps = step(parcels.arriving(now, settings.maxMovesPerStep()), now);
            for (Dwell dwell : FIXED_STEPS) {
                steps += step(parcels.waiting(dwell.from(), dwell.route(), null, null, now.minus(dwell.dwell()),
                        settings.maxMovesPerStep()), now);
            }
            for (Network.Carrier carrier : current.carriers()) {
                int budget = budget("carrier:" + carrier.code(), carrier.parcelsPerHour(), hours);
                if (budget > 0) {
                    steps += step(parcels.waiting(ParcelState.PACKED, null, null, carrier.code(), now, budget), now);
                }
            }
            for (Network.Warehouse warehouse : current.warehouses()) {
                int budget = budget("warehouse:" + warehouse.code(), warehouse.parcelsPerHour(), hours);
                if (budget > 0) {
                    steps += step(parcels.waiting(ParcelState.CREATED, null, warehouse.code(), null, now, budget), now);
                }
            }
            return steps;
        });
        return moved == null ? 0 : moved;
    }

    /** Moves a group of parcels one step each, in a few statements for the whole group. */
    private int step(List<Parcels.Parcel> group, Instant now) {
        List<Parcels.Move> applied = parcels.moveAll(group.stream().map(p -> {
            ParcelState next = p.state().nextOn(p.route());
            return new Parcels.Move(p, next, detail(p, next));
        }).toList(), now);
        parcels.holdAll(applied.stream().filter(m -> m.to() == ParcelState.CUSTOMS)
                .map(m -> m.parcel().id()).filter(id -> Math.floorMod(id.hashCode(), 100) < settings.customsHoldPercent())
                .toList());
        return applied.size();
    }

    private static String detail(Parcels.Parcel p, ParcelState next) {
        return switch (next) {
            case PICKED -> "picked at " + p.origin();
            case PACKED -> "packed at " + p.origin();
            case DISPATCHED -> p.carrier() == null ? "handed to a Hema courier" : "handed to " + p.carrier();
            case CUSTOMS -> "at customs";
            case IN_TRANSIT -> p.state() == ParcelState.CUSTOMS ? "cleared customs" : "on the road to " + p.city();
            case OUT_FOR_DELIVERY -> "out for delivery in " + p.city();
            case DELIVERED -> "delivered";
            default -> next.name().toLowerCase();
        };
    }

    /** Whole parcels this tick's share of an hourly capacity allows; the fraction left waits for the next tick. */
    private int budget(String key, int perHour, double hours) {
        double available = unusedCapacity.getOrDefault(key, 0.0) + perHour * hours;
        int whole = (int) Math.min(Math.floor(available), settings.maxMovesPerStep());
        unusedCapacity.put(key, Math.min(available - whole, perHour));
        return whole;
    }
}
