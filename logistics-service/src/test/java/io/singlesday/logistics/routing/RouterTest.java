package io.singlesday.logistics.routing;

import io.singlesday.logistics.parcel.Route;
import io.singlesday.platform.geo.GreatCircle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RouterTest {

    private static final Instant NOW = Instant.parse("2026-11-10T16:00:30Z");
    private static final UUID MILK = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID TEA = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    // A Hema store in Hangzhou and the points due north of it at a given distance.
    private static final double STORE_LAT = 30.2772;
    private static final double STORE_LON = 120.1630;

    private static final Network NETWORK = new Network(
            List.of(new Network.Warehouse("HGH-1", "Hangzhou", Network.WarehouseKind.REGIONAL, "Zhejiang", "Hangzhou", 30.2741, 120.1551, 600),
                    new Network.Warehouse("PEK-1", "Beijing", Network.WarehouseKind.REGIONAL, "Beijing", "Beijing", 39.9042, 116.4074, 600),
                    new Network.Warehouse("NGB-B", "Ningbo bonded", Network.WarehouseKind.BONDED, "Zhejiang", "Ningbo", 29.8683, 121.5440, 300),
                    new Network.Warehouse("TSN-B", "Tianjin bonded", Network.WarehouseKind.BONDED, "Tianjin", "Tianjin", 39.0842, 117.2010, 200)),
            List.of(new Network.Carrier("SF", "SF Express", List.of(), 1500),
                    new Network.Carrier("ZTO", "ZTO Express", List.of("Zhejiang"), 1200),
                    new Network.Carrier("STO", "STO Express", List.of("Beijing"), 0)),
            List.of(new Network.HemaStore("HEMA-WULIN", "Hema Wulin", "Hangzhou", STORE_LAT, STORE_LON, Map.of(MILK, 3))));

    /** A point this many metres due north of the store (one degree of latitude is 111,195 m on this sphere). */
    private static Router.Destination northOfStore(double metres) {
        double lat = STORE_LAT + Math.toDegrees(metres / GreatCircle.EARTH_RADIUS_M);
        return new Router.Destination("Hangzhou", "Zhejiang", lat, STORE_LON);
    }

    @Test
    void withinThreeKilometresOfAStoreWithTheItemsTheParcelComesFromTheStoreInThirtyMinutes() {
        List<Router.Plan> plans = Router.route(UUID.randomUUID(), northOfStore(2_999),
                List.of(new Router.Item(MILK, 2, "CN")), NETWORK, NOW);
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.route()).isEqualTo(Route.HYPERLOCAL);
            assertThat(p.origin()).isEqualTo("HEMA-WULIN");
            assertThat(p.promisedBy()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        });
    }

    @Test
    void justBeyondThreeKilometresTheRegionalWarehouseShips() {
        List<Router.Plan> plans = Router.route(UUID.randomUUID(), northOfStore(3_001),
                List.of(new Router.Item(MILK, 2, "CN")), NETWORK, NOW);
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.route()).isEqualTo(Route.STANDARD);
            assertThat(p.origin()).isEqualTo("HGH-1");
            assertThat(p.promisedBy()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        });
    }

    @Test
    void aStoreShortOfOneItemDoesNotDeliverTheOrder() {
        assertThat(Router.route(UUID.randomUUID(), northOfStore(500), List.of(new Router.Item(MILK, 4, "CN")), NETWORK, NOW))
                .extracting(Router.Plan::route).containsExactly(Route.STANDARD);
        assertThat(Router.route(UUID.randomUUID(), northOfStore(500),
                List.of(new Router.Item(MILK, 1, "CN"), new Router.Item(TEA, 1, "CN")), NETWORK, NOW))
                .extracting(Router.Plan::route).containsExactly(Route.STANDARD);
    }

    @Test
    void importedGoodsLeaveFromTheNearestBondedWarehouseThroughCustomsAndSplitTheOrder() {
        Router.Destination beijing = new Router.Destination("Beijing", "Beijing", 39.95, 116.40);
        List<Router.Plan> plans = Router.route(UUID.randomUUID(), beijing,
                List.of(new Router.Item(TEA, 1, "CN"), new Router.Item(MILK, 2, "DE")), NETWORK, NOW);
        assertThat(plans).hasSize(2);
        assertThat(plans).anySatisfy(p -> {
            assertThat(p.route()).isEqualTo(Route.STANDARD);
            assertThat(p.origin()).isEqualTo("PEK-1");
            assertThat(p.items()).extracting(Router.Item::skuId).containsExactly(TEA);
        });
        assertThat(plans).anySatisfy(p -> {
            assertThat(p.route()).isEqualTo(Route.CROSS_BORDER);
            assertThat(p.origin()).isEqualTo("TSN-B");
            assertThat(p.promisedBy()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        });
        // The Beijing-only carrier has no capacity: the nationwide one carries.
        assertThat(plans).allSatisfy(p -> assertThat(p.carrier()).isEqualTo("SF"));
    }

    @Test
    void farAwayTakesLongerAndAnAddressWithoutCoordinatesShipsFromItsProvince() {
        Router.Destination urumqi = new Router.Destination("Urumqi", "Xinjiang", 43.8256, 87.6168);
        assertThat(Router.route(UUID.randomUUID(), urumqi, List.of(new Router.Item(TEA, 1, "CN")), NETWORK, NOW))
                .singleElement().satisfies(p -> assertThat(p.promisedBy()).isEqualTo(NOW.plus(Duration.ofDays(3))));
        Router.Destination noPoint = new Router.Destination("Beijing", "Beijing", null, null);
        assertThat(Router.route(UUID.randomUUID(), noPoint, List.of(new Router.Item(MILK, 1, "CN")), NETWORK, NOW))
                .singleElement().satisfies(p -> assertThat(p.origin()).isEqualTo("PEK-1"));
    }

    @Test
    void carriersAreSpreadByOrderAndStableForOneOrder() {
        UUID order = UUID.randomUUID();
        String first = Router.carrierFor(order, "Zhejiang", NETWORK);
        assertThat(Router.carrierFor(order, "Zhejiang", NETWORK)).isEqualTo(first);
        assertThat(java.util.stream.IntStream.range(0, 200).mapToObj(i -> Router.carrierFor(UUID.randomUUID(), "Zhejiang", NETWORK)))
                .contains("SF", "ZTO").doesNotContain("STO");
    }
}
