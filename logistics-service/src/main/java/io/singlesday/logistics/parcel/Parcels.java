package io.singlesday.logistics.parcel;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.logistics.ParcelStateChanged;
import io.singlesday.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Parcel rows, their timeline and their events; every change writes all three in the caller's transaction. */
@Repository
public class Parcels {

    public record Parcel(UUID id, UUID orderId, String origin, Route route, String shopperId, String carrier,
                         ParcelState state, String province, String city, Instant createdAt, Instant promisedBy,
                         Instant stateSince, int transitMinutes) {
    }

    private static final String[] ON_THE_WAY = java.util.Arrays.stream(ParcelState.values())
            .filter(state -> state != ParcelState.DELIVERED && state != ParcelState.CANCELLED).map(Enum::name).toArray(String[]::new);

    private final JdbcClient sql;
    private final Outbox outbox;

    public Parcels(JdbcClient sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    /** False when the order already has a parcel from this origin: a repeated event adds nothing. */
    public boolean create(Parcel p, List<ParcelLine> lines) {
        int inserted = sql.sql("""
                insert into parcels (id, order_id, origin, route, shopper_id, carrier_code, state, province, city,
                                     created_at, promised_by, state_since, transit_minutes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (order_id, origin) do nothing""")
                .params(p.id(), p.orderId(), p.origin(), p.route().name(), p.shopperId(), p.carrier(), p.state().name(),
                        p.province(), p.city(), ts(p.createdAt()), ts(p.promisedBy()), ts(p.stateSince()),
                        p.transitMinutes())
                .update();
        if (inserted == 0) {
            return false;
        }
        for (ParcelLine line : lines) {
            sql.sql("insert into parcel_lines (parcel_id, sku_id, quantity) values (?, ?, ?)")
                    .params(p.id(), line.skuId(), line.quantity()).update();
        }
        recordStep(p, ParcelState.CREATED, p.createdAt(), "routed " + p.route() + " from " + p.origin());
        return true;
    }

    public record ParcelLine(UUID skuId, int quantity) {
    }

    /** Moves a parcel one step if it is still where the caller saw it; false when another move came first. */
    public boolean move(Parcel p, ParcelState to, Instant at, String detail) {
        p.state().moveTo(to);
        int moved = sql.sql("""
                update parcels set state = ?, state_since = ?, delivered_at = case when ? then ? else delivered_at end
                where id = ? and state = ?""")
                .params(to.name(), ts(at), to == ParcelState.DELIVERED, ts(at), p.id(), p.state().name()).update();
        if (moved == 1) {
            recordStep(p, to, at, detail);
        }
        return moved == 1;
    }

    /** One step for one parcel: where it goes and what its timeline says. */
    public record Move(Parcel parcel, ParcelState to, String detail) {
        public Move {
            parcel.state().moveTo(to);
        }
    }

    /**
     * {@link #move} for many parcels at once, in four round trips however many they are: the flow moves parcels by
     * the hundred at the midnight peak. Returns the moves that applied (the parcel was still where the caller saw it).
     */
    public List<Move> moveAll(List<Move> moves, Instant at) {
        if (moves.isEmpty()) {
            return List.of();
        }
        java.util.Set<UUID> moved = new java.util.HashSet<>(sql.sql("""
                update parcels p set state = m.to_state, state_since = :at,
                       delivered_at = case when m.to_state = 'DELIVERED' then :at else p.delivered_at end
                from unnest(:ids, :froms, :tos) as m(id, from_state, to_state)
                where p.id = m.id and p.state = m.from_state
                returning p.id""")
                .param("at", ts(at))
                .param("ids", moves.stream().map(m -> m.parcel().id()).toArray(UUID[]::new))
                .param("froms", moves.stream().map(m -> m.parcel().state().name()).toArray(String[]::new))
                .param("tos", moves.stream().map(m -> m.to().name()).toArray(String[]::new))
                .query(UUID.class).list());
        List<Move> applied = moves.stream().filter(m -> moved.contains(m.parcel().id())).toList();
        if (applied.isEmpty()) {
            return applied;
        }
        sql.sql("""
                insert into parcel_timeline (parcel_id, at, state, detail)
                select id, :at, state, detail from unnest(:ids, :states, :details) with ordinality as t(id, state, detail, n)
                order by n""")
                .param("at", ts(at))
                .param("ids", applied.stream().map(m -> m.parcel().id()).toArray(UUID[]::new))
                .param("states", applied.stream().map(m -> m.to().name()).toArray(String[]::new))
                .param("details", applied.stream().map(Move::detail).toArray(String[]::new))
                .update();
        outbox.appendAll(EventCatalog.PARCEL_STATE_CHANGED, applied.stream()
                .map(m -> new Outbox.Keyed<>(m.parcel().orderId().toString(), changed(m.parcel(), m.to(), at))).toList());
        return applied;
    }

    private void recordStep(Parcel p, ParcelState state, Instant at, String detail) {
        sql.sql("insert into parcel_timeline (parcel_id, at, state, detail) values (?, ?, ?, ?)")
                .params(p.id(), ts(at), state.name(), detail).update();
        outbox.append(EventCatalog.PARCEL_STATE_CHANGED, p.orderId().toString(), changed(p, state, at));
    }

    private static ParcelStateChanged changed(Parcel p, ParcelState state, Instant at) {
        return new ParcelStateChanged(p.id(), p.orderId(), p.shopperId(), state.name(), p.route().name(), p.origin(),
                p.carrier(), p.province(), at, p.promisedBy());
    }

    public List<Parcel> ofOrder(UUID orderId) {
        return select("where order_id = ? order by created_at, origin", orderId);
    }

    /** Parcels in one state whose step began at or before {@code since}, oldest first, locked against other movers. */
    public List<Parcel> waiting(ParcelState state, Route route, String origin, String carrier, Instant since, int limit) {
        StringBuilder where = new StringBuilder("where state = ? and state_since <= ? and not customs_hold");
        List<Object> params = new java.util.ArrayList<>(List.of(state.name(), ts(since)));
        if (route != null) {
            where.append(" and route = ?");
            params.add(route.name());
        }
        if (origin != null) {
            where.append(" and origin = ?");
            params.add(origin);
        }
        if (carrier != null) {
            where.append(" and carrier_code = ?");
            params.add(carrier);
        }
        where.append(" order by state_since, id limit ").append(limit).append(" for update skip locked");
        return select(where.toString(), params.toArray());
    }

    /** Parcels on the road whose line haul is over, oldest first. */
    /** Whether any parcel is still to be moved: neither delivered nor cancelled. */
    public boolean anyOnTheWay() {
        return Boolean.TRUE.equals(sql.sql("select exists (select 1 from parcels where state = any(?))")
                .param(ON_THE_WAY).query(Boolean.class).single());
    }

    public List<Parcel> arriving(Instant now, int limit) {
        return select("""
                where state = 'IN_TRANSIT' and state_since + make_interval(mins => transit_minutes) <= ?
                order by state_since, id limit\s""" + limit + " for update skip locked", ts(now));
    }

    public java.util.Optional<Parcel> find(UUID id) {
        return select("where id = ?", id).stream().findFirst();
    }

    /** The shopper's parcels, newest first, after the parcel {@code after} (the previous page's last). */
    public List<Parcel> ofShopper(String shopperId, UUID after, int limit) {
        if (after == null) {
            return select("where shopper_id = ? order by created_at desc, id desc limit " + limit, shopperId);
        }
        return select("""
                where shopper_id = ? and (created_at, id) < (select created_at, id from parcels where id = ? and shopper_id = ?)
                order by created_at desc, id desc limit\s""" + limit, shopperId, after, shopperId);
    }

    public record Step(Instant at, String state, String detail) {
    }

    public List<Step> timeline(UUID id) {
        return sql.sql("select at, state, detail from parcel_timeline where parcel_id = ? order by id").param(id)
                .query((rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3))).list();
    }

    public List<ParcelLine> lines(UUID id) {
        return sql.sql("select sku_id, quantity from parcel_lines where parcel_id = ?").param(id)
                .query((rs, n) -> new ParcelLine(rs.getObject(1, UUID.class), rs.getInt(2))).list();
    }

    public void hold(UUID id, boolean held) {
        sql.sql("update parcels set customs_hold = ? where id = ?").params(held, id).update();
    }

    public void holdAll(List<UUID> ids) {
        if (!ids.isEmpty()) {
            sql.sql("update parcels set customs_hold = true where id = any(?)").param(ids.toArray(UUID[]::new)).update();
        }
    }

    private List<Parcel> select(String where, Object... params) {
        return sql.sql("""
                select id, order_id, origin, route, shopper_id, carrier_code, state, province, city, created_at,
                       promised_by, state_since, transit_minutes from parcels\s""" + where)
                .params(params)
                .query((rs, n) -> new Parcel(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        Route.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        ParcelState.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
                        rs.getInt(13)))
                .list();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
