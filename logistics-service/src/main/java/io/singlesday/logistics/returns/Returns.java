package io.singlesday.logistics.returns;

import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.logistics.network.NetworkStore;
import io.singlesday.logistics.parcel.ParcelState;
import io.singlesday.logistics.parcel.Parcels;
import io.singlesday.logistics.parcel.Route;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a refund means for parcels. Units still in the warehouse never leave: they come off their parcel, and a parcel
 * left with nothing is cancelled (a Hema store's units go back on its shelf). Units that have left come back: one
 * return parcel per outbound parcel, to the warehouse it left, picked up once that parcel is delivered. Applied once
 * per refund (unique per refund and parcel), in the listener's transaction.
 */
@Service
public class Returns {

    private final JdbcClient sql;
    private final Parcels parcels;
    private final NetworkStore network;

    public Returns(JdbcClient sql, Parcels parcels, NetworkStore network) {
        this.sql = sql;
        this.parcels = parcels;
        this.network = network;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onRefund(OrderRefunded refund, Instant now) {
        Map<UUID, Integer> toReturn = new LinkedHashMap<>();
        refund.lines().forEach(l -> toReturn.merge(l.skuId(), l.quantity(), Integer::sum));
        for (Parcels.Parcel parcel : parcels.ofOrder(refund.orderId())) {
            if (parcel.state() == ParcelState.CANCELLED) {
                continue;
            }
            Map<UUID, Integer> fromThis = new LinkedHashMap<>();
            for (Parcels.ParcelLine line : parcels.lines(parcel.id())) {
                int units = Math.min(toReturn.getOrDefault(line.skuId(), 0), line.quantity());
                if (units > 0) {
                    fromThis.merge(line.skuId(), units, Integer::sum);
                    toReturn.merge(line.skuId(), -units, Integer::sum);
                }
            }
            if (fromThis.isEmpty()) {
                continue;
            }
            if (parcel.state().beforeDispatch()) {
                keepInWarehouse(parcel, fromThis, now);
            } else {
                sendBack(refund, parcel, fromThis, now);
            }
        }
    }

    private void keepInWarehouse(Parcels.Parcel parcel, Map<UUID, Integer> units, Instant now) {
        units.forEach((sku, quantity) -> sql.sql("update parcel_lines set quantity = quantity - ? where parcel_id = ? and sku_id = ?")
                .params(quantity, parcel.id(), sku).update());
        sql.sql("delete from parcel_lines where parcel_id = ? and quantity <= 0").param(parcel.id()).update();
        if (parcels.lines(parcel.id()).isEmpty()) {
            parcels.move(parcel, ParcelState.CANCELLED, now, "every unit returned before dispatch");
        }
        if (parcel.route() == Route.HYPERLOCAL) {
            network.putBack(parcel.origin(), units);
        }
    }

    private void sendBack(OrderRefunded refund, Parcels.Parcel parcel, Map<UUID, Integer> units, Instant now) {
        UUID id = UUID.randomUUID();
        int created = sql.sql("""
                insert into return_parcels (id, refund_id, order_id, parcel_id, shopper_id, destination, state, created_at, state_since)
                values (?, ?, ?, ?, ?, ?, 'AWAITING_PICKUP', ?, ?) on conflict (refund_id, parcel_id) do nothing""")
                .params(id, refund.refundId(), refund.orderId(), parcel.id(), refund.shopperId(), parcel.origin(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        if (created == 1) {
            units.forEach((sku, quantity) -> sql.sql("insert into return_parcel_lines (return_id, sku_id, quantity) values (?, ?, ?)")
                    .params(id, sku, quantity).update());
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReturnParcel")
    public record ReturnView(UUID id, UUID refundId, UUID orderId, UUID parcelId, String destination, String state,
                             Instant createdAt, Instant stateSince, List<Parcels.ParcelLine> lines) {
    }

    /** An order's returns, oldest first, for its shopper (or anyone, when {@code shopperId} is null: operators). */
    public List<ReturnView> ofOrder(UUID orderId, String shopperId) {
        return sql.sql("""
                select id, refund_id, order_id, parcel_id, destination, state, created_at, state_since
                from return_parcels where order_id = ? and (?::text is null or shopper_id = ?) order by created_at, id""")
                .params(orderId, shopperId, shopperId)
                .query((rs, n) -> new ReturnView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), List.of()))
                .list().stream()
                .map(r -> new ReturnView(r.id(), r.refundId(), r.orderId(), r.parcelId(), r.destination(), r.state(),
                        r.createdAt(), r.stateSince(), sql.sql("select sku_id, quantity from return_parcel_lines where return_id = ? order by sku_id")
                        .param(r.id()).query((rs, n) -> new Parcels.ParcelLine(rs.getObject(1, UUID.class), rs.getInt(2))).list()))
                .toList();
    }
}
