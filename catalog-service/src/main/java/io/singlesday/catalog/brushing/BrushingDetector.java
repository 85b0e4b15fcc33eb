package io.singlesday.catalog.brushing;

import io.singlesday.catalog.onboarding.IncubationLedger;
import io.singlesday.catalog.ranking.SalesRanking;
import io.singlesday.catalog.brushing.BrushingRules.Facts;
import io.singlesday.catalog.brushing.BrushingRules.Signal;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.platform.clock.FestivalClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Judges each confirmed order as it arrives and keeps the catalog's sales tallies (the best-sellers ranking, the
 * incubation GMV and the month's GMV behind the award on the 21st) free of orders it suspects: an order is counted in
 * them exactly while it is not suspected, and its lines net of refunds are what goes out or comes back, so no unit or
 * fen is taken away twice or returned twice. Signals only accumulate: a cluster that grows past its size marks its
 * earlier orders too, and a quick refund marks its order after the fact. An operator's decision is final for its
 * order; later signals are recorded beside it but change nothing.
 *
 * <p>Runs inside the caller's transaction, which makes sure each event is applied once and holds the ranking's
 * window. With several consumers of the order events, two orders of one cluster judged at the same moment may each
 * see the cluster one buyer short; the next order of the cluster marks them both.
 */
@Service
public class BrushingDetector {

    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {
    };
    private static final TypeReference<List<NetLine>> LINES = new TypeReference<>() {
    };

    /** What one product of an order still counts for: units and what its brand was paid, net of refunds. */
    record NetLine(UUID productId, UUID brandId, long units, long paidFen) {
    }

    private final JdbcClient sql;
    private final BrushingRules rules;
    private final IncubationLedger incubation;
    private final SalesRanking ranking;
    private final JsonMapper json;
    private final FestivalClock clock;

    public BrushingDetector(JdbcClient sql, BrushingRules rules, IncubationLedger incubation, SalesRanking ranking,
                            JsonMapper json, FestivalClock clock) {
        this.clock = clock;
        this.sql = sql;
        this.rules = rules;
        this.incubation = incubation;
        this.ranking = ranking;
        this.json = json;
    }

    /** Judges a confirmed order and counts it unless it is suspected; an order seen before changes nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirmed(OrderConfirmed order, LocalDate firstDay) {
        String point = point(order.deliveryLatitude(), order.deliveryLongitude());
        String device = order.buyer() == null ? null : order.buyer().deviceFingerprint();
        String payment = order.buyer() == null ? null : order.buyer().paymentFingerprint();
        List<NetLine> lines = netLines(order);
        int inserted = sql.sql("""
                insert into brushing_orders (order_id, checkout_id, store_id, brand_id, shopper_id, confirmed_at, device_fp,
                                             payment_fp, point, lines, counted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, false) on conflict do nothing""")
                .params(order.orderId(), order.checkoutId(), order.storeId(), order.brandId(), order.shopperId(),
                        Timestamp.from(order.confirmedAt()), device, payment, point, json.writeValueAsString(lines))
                .update();
        if (inserted == 0) {
            return;
        }
        // One read of the store's buyers who share a key with this order: its clusters and its webs come from it.
        Neighbours near = neighbours(order.storeId(), order.shopperId(), device, payment, point);
        int[] clusters = {near.sizeOf(Neighbour::device, device), near.sizeOf(Neighbour::payment, payment),
                near.sizeOf(Neighbour::door, point)};
        Ties ties = tie(order.storeId(), order.shopperId(), near);
        boolean[] staff = {false};
        int orders = sql.sql("""
                with counted as (insert into brushing_shoppers (shopper_id, orders) values (:shopper, 1)
                                 on conflict (shopper_id) do update set orders = brushing_shoppers.orders + 1
                                 returning orders)
                select (select orders from counted),
                       exists (select 1 from brand_staff where brand_id = :brand and subject = :shopper)""")
                .param("shopper", order.shopperId()).param("brand", order.brandId())
                .query((rs, n) -> {
                    staff[0] = rs.getBoolean(2);
                    return rs.getInt(1);
                }).single();
        Instant hour = order.confirmedAt().truncatedTo(ChronoUnit.HOURS);
        long[] burst = sql.sql("""
                insert into brushing_store_hours (store_id, hour, orders) values (:store, :hour, 1)
                on conflict (store_id, hour) do update set orders = brushing_store_hours.orders + 1
                returning orders, (select coalesce(sum(h.orders), 0) from brushing_store_hours h
                                   where h.store_id = :store and h.hour >= :dayBefore and h.hour < :hour)""")
                .param("store", order.storeId()).param("hour", Timestamp.from(hour))
                .param("dayBefore", Timestamp.from(hour.minus(Duration.ofHours(24))))
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)})
                .single();
        long cheapest = order.lines().stream().mapToLong(l -> l.paid().minor() / Math.max(1, l.quantity())).min().orElse(0);
        List<Signal> signals = rules.atConfirmation(new Facts(staff[0], ties.tight(), ties.loose(), clusters[0], clusters[1], clusters[2], cheapest,
                order.paidTotal().minor(), orders == 1, ties.orders(), burst[0], burst[1] / 24));
        boolean suspected = rules.suspected(signals);
        sql.sql("""
                update brushing_orders set signals = ?::jsonb, score = ?, verdict = ?, counted = ?, flagged_at = ?
                where order_id = ?""")
                .params(json.writeValueAsString(signals), BrushingRules.score(signals), suspected ? "SUSPECTED" : "CLEAR",
                        !suspected, suspected ? Timestamp.from(order.confirmedAt()) : null, order.orderId())
                .update();
        if (!suspected) {
            count(order.confirmedAt(), lines, 1, firstDay);
        }
        // A cluster or a web that reached its size: its earlier orders show the signal too.
        if (ties.tight() >= rules.ringBuyers()) {
            markWeb(order, "web", ties.tightWeb(), rules.linkedBuyers(ties.tight()), firstDay);
        }
        if (ties.loose() >= rules.looseRingBuyers()) {
            markWeb(order, "loose_web", ties.looseWeb(), rules.linkedByAddress(ties.loose()), firstDay);
        }
        int size = rules.clusterShoppers();
        if (device != null && clusters[0] >= size) {
            markCluster(order, "device_fp", device, rules.sharedDevice(clusters[0]), firstDay);
        }
        if (payment != null && clusters[1] >= size) {
            markCluster(order, "payment_fp", payment, rules.sharedPayment(clusters[1]), firstDay);
        }
        if (point != null && clusters[2] > size) {
            markCluster(order, "point", point, rules.sharedAddress(clusters[2]), firstDay);
        }
    }

    /**
     * Applies a refund to what the order still counts for (taking the units and fen out of the tallies only if it is
     * counted there now), then marks a quick refund. A refund of an order the detector never saw is taken out as before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refunded(OrderRefunded refund, LocalDate firstDay) {
        Optional<Row> found = row(refund.orderId());
        if (found.isEmpty()) {
            incubation.takeBack(refund);
            ranking.takeBack(refund, firstDay);
            return;
        }
        Row row = found.get();
        Map<UUID, NetLine> byProduct = new LinkedHashMap<>();
        row.lines().forEach(l -> byProduct.put(l.productId(), l));
        for (OrderRefunded.Line line : refund.lines()) {
            byProduct.computeIfPresent(line.productId(), (id, l) -> new NetLine(id, l.brandId(),
                    Math.max(0, l.units() - line.quantity()), Math.max(0, l.paidFen() - line.amount().minor())));
        }
        sql.sql("update brushing_orders set lines = ?::jsonb where order_id = ?")
                .params(json.writeValueAsString(List.copyOf(byProduct.values())), refund.orderId()).update();
        if (row.counted()) {
            incubation.takeBack(refund);
            ranking.takeBack(refund, firstDay);
        }
        long minutes = Duration.between(refund.confirmedAt(), refund.refundedAt()).toMinutes();
        rules.refunded(minutes).ifPresent(signal -> mark(refund.orderId(), signal, firstDay));
    }

    /** Another buyer of the store who shared a key with this order, which keys, and the webs it is in. */
    private record Neighbour(String shopper, boolean device, boolean payment, boolean door, long web, long looseWeb) {
    }

    /** The neighbours, and this buyer's own webs at the store when it has bought there before (else null). */
    private record Neighbours(List<Neighbour> others, Neighbour self) {

        /** Distinct buyers sharing the key, this one included; 0 when the order did not name the key. */
        int sizeOf(java.util.function.Predicate<Neighbour> shared, String key) {
            return key == null ? 0 : 1 + (int) others.stream().filter(shared).map(Neighbour::shopper).distinct().count();
        }
    }

    private Neighbours neighbours(UUID store, String shopper, String device, String payment, String point) {
        List<Neighbour> rows = sql.sql("""
                select o.shopper_id, coalesce(o.device_fp = cast(:device as text), false),
                       coalesce(o.payment_fp = cast(:payment as text), false), coalesce(o.point = cast(:point as text), false),
                       b.web, b.loose_web
                from brushing_orders o join brushing_buyers b on b.store_id = o.store_id and b.shopper_id = o.shopper_id
                where o.store_id = :store and o.shopper_id <> :shopper
                  and (o.device_fp = cast(:device as text) or o.payment_fp = cast(:payment as text) or o.point = cast(:point as text))
                union all
                select shopper_id, false, false, false, web, loose_web from brushing_buyers where store_id = :store and shopper_id = :shopper""")
                .param("store", store).param("shopper", shopper).param("device", device).param("payment", payment)
                .param("point", point)
                .query((rs, n) -> new Neighbour(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getLong(5), rs.getLong(6)))
                .list();
        Neighbour self = rows.stream().filter(r -> r.shopper().equals(shopper)).findFirst().orElse(null);
        return new Neighbours(rows.stream().filter(r -> !r.shopper().equals(shopper)).toList(), self);
    }

    /** The webs a buyer is in at a store, their sizes, and how many orders the buyer has had there. */
    private record Ties(long tightWeb, int tight, long looseWeb, int loose, int orders) {
    }

    /**
     * Puts the buyer in one tight web with every neighbour it shares a phone or a wallet with, and in one loose web
     * with those it shares a phone, a wallet or a delivery point with, merging the webs it joins.
     */
    private Ties tie(UUID store, String shopper, Neighbours near) {
        java.util.Set<Long> tightWebs = new java.util.TreeSet<>();
        java.util.Set<Long> looseWebs = new java.util.TreeSet<>();
        if (near.self() != null) {
            tightWebs.add(near.self().web());
            looseWebs.add(near.self().looseWeb());
        }
        for (Neighbour n : near.others()) {
            if (n.device() || n.payment()) {
                tightWebs.add(n.web());
            }
            looseWebs.add(n.looseWeb());
        }
        if (tightWebs.isEmpty() && looseWebs.isEmpty()) {
            // A buyer tied to no one: one new id names both its webs (the columns never meet).
            long fresh = sql.sql("select nextval('brushing_web_ids')").query(Long.class).single();
            tightWebs.add(fresh);
            looseWebs.add(fresh);
        }
        long tight = merge(store, "web", tightWebs);
        long loose = merge(store, "loose_web", looseWebs);
        int orders = sql.sql("""
                insert into brushing_buyers (store_id, shopper_id, web, loose_web) values (?, ?, ?, ?)
                on conflict (store_id, shopper_id) do update
                set web = excluded.web, loose_web = excluded.loose_web, orders = brushing_buyers.orders + 1
                returning orders""")
                .params(store, shopper, tight, loose).query(Integer.class).single();
        int[] sizes = sql.sql("""
                select count(*) filter (where web = :tight), count(*) filter (where loose_web = :loose)
                from brushing_buyers where store_id = :store and (web = :tight or loose_web = :loose)""")
                .param("tight", tight).param("loose", loose).param("store", store)
                .query((rs, n) -> new int[]{rs.getInt(1), rs.getInt(2)}).single();
        return new Ties(tight, sizes[0], loose, sizes[1], orders);
    }

    /** One web in place of {@code webs} ({@code column}: one of two fixed names, never input); a new one for none. */
    private long merge(UUID store, String column, java.util.Set<Long> webs) {
        if (webs.isEmpty()) {
            return sql.sql("select nextval('brushing_web_ids')").query(Long.class).single();
        }
        long web = webs.iterator().next();
        if (webs.size() > 1) {
            sql.sql("update brushing_buyers set " + column + " = ? where store_id = ? and " + column + " = any(?) and "
                    + column + " <> ?").params(web, store, webs.toArray(Long[]::new), web).update();
        }
        return web;
    }

    /** Marks the orders of every buyer in a web of the store ({@code column}: a fixed name, never input). */
    private void markWeb(OrderConfirmed order, String column, long web, Signal signal, LocalDate firstDay) {
        List<UUID> others = sql.sql("select o.order_id from brushing_buyers b"
                        + " join brushing_orders o on o.store_id = b.store_id and o.shopper_id = b.shopper_id"
                        + " where b.store_id = ? and b." + column + " = ? and o.order_id <> ? and not o.signals @> ?::jsonb"
                        + " and not o.signals @> ?::jsonb order by o.order_id")
                // Orders of a tight web already say what a loose one would.
                .params(order.storeId(), web, order.orderId(), "[{\"name\":\"" + signal.name() + "\"}]",
                        "[{\"name\":\"" + BrushingRules.LINKED_BUYERS + "\"}]")
                .query(UUID.class).list();
        others.forEach(id -> mark(id, signal, firstDay));
    }

    private void markCluster(OrderConfirmed order, String column, String key, Signal signal, LocalDate firstDay) {
        // The column is one of three fixed names, never input.
        List<UUID> others = sql.sql("select order_id from brushing_orders where store_id = ? and " + column
                        + " = ? and order_id <> ? and not signals @> ?::jsonb order by order_id")
                .params(order.storeId(), key, order.orderId(), "[{\"name\":\"" + signal.name() + "\"}]")
                .query(UUID.class).list();
        others.forEach(id -> mark(id, signal, firstDay));
    }

    /** Adds a signal to an order that does not show it yet; one that now crosses the threshold leaves the tallies. */
    void mark(UUID orderId, Signal signal, LocalDate firstDay) {
        Row row = sql.sql("select " + Row.COLUMNS + " from brushing_orders where order_id = ? for update")
                .param(orderId).query((rs, n) -> Row.of(rs, json)).optional().orElse(null);
        List<Signal> signals = row == null ? null : rules.with(row.signals(), signal).orElse(null);
        if (signals == null) {
            return;
        }
        boolean flagNow = "CLEAR".equals(row.verdict()) && rules.suspected(signals);
        sql.sql("""
                update brushing_orders set signals = ?::jsonb, score = ?, verdict = ?, counted = ?,
                       flagged_at = coalesce(flagged_at, ?) where order_id = ?""")
                .params(json.writeValueAsString(signals), BrushingRules.score(signals), flagNow ? "SUSPECTED" : row.verdict(),
                        row.counted() && !flagNow, flagNow ? Timestamp.from(clock.instant()) : null, orderId)
                .update();
        if (flagNow && row.counted()) {
            count(row.confirmedAt(), row.lines(), -1, firstDay);
        }
    }

    /** Puts an order's net lines into the tallies ({@code sign} 1) or takes them out (-1). */
    void count(Instant confirmedAt, List<NetLine> lines, int sign, LocalDate firstDay) {
        Map<UUID, Long> units = lines.stream().filter(l -> l.units() > 0)
                .collect(Collectors.toMap(NetLine::productId, l -> sign * l.units(), Long::sum));
        Map<UUID, Long> paid = lines.stream().filter(l -> l.paidFen() > 0)
                .collect(Collectors.groupingBy(NetLine::brandId, Collectors.summingLong(NetLine::paidFen)));
        if (!units.isEmpty()) {
            ranking.adjust(confirmedAt, firstDay, units);
        }
        if (!paid.isEmpty()) {
            if (sign > 0) {
                incubation.credit(confirmedAt, paid);
            } else {
                incubation.debit(confirmedAt, paid);
            }
        }
    }

    Optional<Row> row(UUID orderId) {
        return sql.sql("select " + Row.COLUMNS + " from brushing_orders where order_id = ?")
                .param(orderId).query((rs, n) -> Row.of(rs, json)).optional();
    }

    /** The columns the detector works with. */
    record Row(UUID orderId, Instant confirmedAt, List<NetLine> lines, List<Signal> signals, String verdict, boolean counted) {

        static final String COLUMNS = "order_id, confirmed_at, lines, signals, verdict, counted";

        static Row of(java.sql.ResultSet rs, JsonMapper json) throws java.sql.SQLException {
            return new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                    json.readValue(rs.getString(3), LINES), json.readValue(rs.getString(4), SIGNALS), rs.getString(5),
                    rs.getBoolean(6));
        }
    }

    private static List<NetLine> netLines(OrderConfirmed order) {
        Map<UUID, NetLine> byProduct = new LinkedHashMap<>();
        for (OrderConfirmed.Line line : order.lines()) {
            byProduct.merge(line.productId(), new NetLine(line.productId(), line.brandId(), line.quantity(), line.paid().minor()),
                    (a, b) -> new NetLine(a.productId(), a.brandId(), a.units() + b.units(), a.paidFen() + b.paidFen()));
        }
        return List.copyOf(byProduct.values());
    }

    /** The delivery point to four decimals (about 11 m): the same door, not the same district. */
    static String point(Double latitude, Double longitude) {
        return latitude == null || longitude == null ? null
                : String.format(Locale.ROOT, "%.4f,%.4f", latitude, longitude);
    }
}
