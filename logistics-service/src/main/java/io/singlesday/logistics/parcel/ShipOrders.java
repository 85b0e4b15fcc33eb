package io.singlesday.logistics.parcel;

import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.logistics.network.NetworkStore;
import io.singlesday.logistics.routing.Network;
import io.singlesday.logistics.routing.Router;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns confirmed orders into routed parcels, and takes back those of cancelled orders that have not left. */
@Service
public class ShipOrders {

    private final NetworkStore network;
    private final Parcels parcels;

    public ShipOrders(NetworkStore network, Parcels parcels) {
        this.network = network;
        this.parcels = parcels;
    }

    /** Runs in the listener's transaction, with the inbox row that makes the event apply once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int ship(OrderConfirmed order, Instant now) {
        List<Router.Item> items = order.lines().stream()
                .map(l -> new Router.Item(l.skuId(), l.quantity(), l.originCountry())).toList();
        Router.Destination to = new Router.Destination(order.city(), order.province(), order.deliveryLatitude(),
                order.deliveryLongitude());
        Network current = network.current();
        List<Router.Plan> plans = Router.route(order.orderId(), to, items, current, now);
        if (plans.getFirst().route() == Route.HYPERLOCAL && !network.take(plans.getFirst().origin(), quantities(items))) {
            // Another order took the last unit since the network was read: route without that store.
            String gone = plans.getFirst().origin();
            plans = Router.route(order.orderId(), to, items, new Network(current.warehouses(), current.carriers(),
                    current.hemaStores().stream().filter(s -> !s.code().equals(gone)).toList()), now);
            if (plans.getFirst().route() == Route.HYPERLOCAL && !network.take(plans.getFirst().origin(), quantities(items))) {
                plans = Router.route(order.orderId(), to, items, new Network(current.warehouses(), current.carriers(),
                        List.of()), now);
            }
        }
        int created = 0;
        for (Router.Plan plan : plans) {
            Parcels.Parcel parcel = new Parcels.Parcel(UUID.randomUUID(), order.orderId(), plan.origin(), plan.route(),
                    order.shopperId(), plan.carrier(), ParcelState.CREATED, order.province(), order.city(), now,
                    plan.promisedBy(), now, transitMinutes(plan, now));
            List<Parcels.ParcelLine> lines = plan.items().stream()
                    .map(i -> new Parcels.ParcelLine(i.skuId(), i.quantity())).toList();
            if (parcels.create(parcel, lines)) {
                created++;
            }
        }
        return created;
    }

    /** Parcels still in the warehouse are cancelled (a Hema store's units go back on its shelf); those on the road go on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int cancel(OrderCancelled cancelled, Instant now) {
        int count = 0;
        for (Parcels.Parcel parcel : parcels.ofOrder(cancelled.orderId())) {
            if (parcel.state().beforeDispatch() && parcels.move(parcel, ParcelState.CANCELLED, now,
                    "order cancelled: " + cancelled.reason())) {
                count++;
                if (parcel.route() == Route.HYPERLOCAL) {
                    network.putBack(parcel.origin(), quantities(cancelled.lines().stream()
                            .map(l -> new Router.Item(l.skuId(), l.quantity(), l.originCountry())).toList()));
                }
            }
        }
        return count;
    }

    /**
     * The line haul: what the promise leaves after the warehouse, customs and the last mile take when nothing
     * queues (about ten hours); a Hema courier rides a few minutes. Backlog beyond that is what makes parcels late.
     */
    static int transitMinutes(Router.Plan plan, Instant now) {
        if (plan.route() == Route.HYPERLOCAL) {
            return 8;
        }
        long promisedMinutes = java.time.Duration.between(now, plan.promisedBy()).toMinutes();
        return (int) Math.max(120, promisedMinutes - 10 * 60);
    }

    private static Map<UUID, Integer> quantities(List<Router.Item> items) {
        Map<UUID, Integer> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.merge(i.skuId(), i.quantity(), Integer::sum));
        return byId;
    }
}
