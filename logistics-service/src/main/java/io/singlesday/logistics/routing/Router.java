package io.singlesday.logistics.routing;

import io.singlesday.logistics.parcel.Route;
import io.singlesday.platform.geo.GreatCircle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides where an order's goods leave from and who carries them. An address within 3 km of a Hema store that
 * has every item gets one parcel from that store, promised in 30 minutes. Otherwise domestic goods leave from
 * the regional warehouse nearest the address (stock sits near the shoppers, Cainiao-style) and imported goods
 * from the nearest bonded warehouse, through customs; an order with both becomes two parcels.
 */
public final class Router {

    public static final double HYPERLOCAL_RADIUS_M = 3_000;
    public static final Duration HYPERLOCAL_PROMISE = Duration.ofMinutes(30);

    public record Item(UUID skuId, int quantity, String originCountry) {
        boolean imported() {
            return !"CN".equalsIgnoreCase(originCountry);
        }
    }

    public record Destination(String city, String province, Double latitude, Double longitude) {
        boolean located() {
            return latitude != null && longitude != null;
        }
    }

    public record Plan(Route route, String origin, String carrier, List<Item> items, Instant promisedBy) {
    }

    private Router() {
    }

    public static List<Plan> route(UUID orderId, Destination to, List<Item> items, Network network, Instant now) {
        Optional<Network.HemaStore> nearby = hemaStoreFor(to, items, network);
        if (nearby.isPresent()) {
            return List.of(new Plan(Route.HYPERLOCAL, nearby.get().code(), null, items, now.plus(HYPERLOCAL_PROMISE)));
        }
        Map<Boolean, List<Item>> byImport = new LinkedHashMap<>();
        items.forEach(item -> byImport.computeIfAbsent(item.imported(), k -> new ArrayList<>()).add(item));
        List<Plan> plans = new ArrayList<>();
        byImport.forEach((imported, goods) -> {
            Network.WarehouseKind kind = imported ? Network.WarehouseKind.BONDED : Network.WarehouseKind.REGIONAL;
            Network.Warehouse from = nearestWarehouse(to, kind, network)
                    .orElseThrow(() -> new IllegalStateException("the network has no " + kind + " warehouse"));
            Route route = imported ? Route.CROSS_BORDER : Route.STANDARD;
            plans.add(new Plan(route, from.code(), carrierFor(orderId, to.province(), network), goods,
                    now.plus(promise(from, to, route))));
        });
        return plans;
    }

    /** Delivery days by distance from the warehouse: the next day nearby, three at the far end; customs adds two. */
    static Duration promise(Network.Warehouse from, Destination to, Route route) {
        double km = to.located() ? GreatCircle.metres(from.latitude(), from.longitude(), to.latitude(), to.longitude()) / 1000
                : from.province().equals(to.province()) ? 0 : 1_500;
        int days = km < 300 ? 1 : km < 1_200 ? 2 : 3;
        return Duration.ofDays(days + (route == Route.CROSS_BORDER ? 2 : 0));
    }

    static Optional<Network.HemaStore> hemaStoreFor(Destination to, List<Item> items, Network network) {
        if (!to.located()) {
            return Optional.empty();
        }
        return network.hemaStores().stream()
                .filter(store -> distance(store.latitude(), store.longitude(), to) <= HYPERLOCAL_RADIUS_M)
                .filter(store -> items.stream().allMatch(i -> store.stock().getOrDefault(i.skuId(), 0) >= i.quantity()))
                .min(Comparator.comparingDouble(store -> distance(store.latitude(), store.longitude(), to)));
    }

    static Optional<Network.Warehouse> nearestWarehouse(Destination to, Network.WarehouseKind kind, Network network) {
        Comparator<Network.Warehouse> nearest = to.located()
                ? Comparator.comparingDouble(w -> distance(w.latitude(), w.longitude(), to))
                : Comparator.comparing((Network.Warehouse w) -> !w.province().equals(to.province())).thenComparing(Network.Warehouse::code);
        return network.warehouses().stream().filter(w -> w.kind() == kind && w.parcelsPerHour() > 0).min(nearest);
    }

    /** Among the carriers serving the province, one chosen by the order, so the work spreads and a retry picks the same. */
    static String carrierFor(UUID orderId, String province, Network network) {
        List<Network.Carrier> serving = network.carriers().stream()
                .filter(c -> c.serves(province) && c.parcelsPerHour() > 0)
                .sorted(Comparator.comparing(Network.Carrier::code)).toList();
        if (serving.isEmpty()) {
            throw new IllegalStateException("no carrier serves " + province);
        }
        return serving.get(Math.floorMod(orderId.hashCode(), serving.size())).code();
    }

    private static double distance(double lat, double lon, Destination to) {
        return GreatCircle.metres(lat, lon, to.latitude(), to.longitude());
    }
}
