package io.singlesday.catalog.brushing;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.Tokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The brushing detector on the real engines: order events in, suspected orders out of the best-sellers ranking and the
 * incubation GMV, explained, reviewed by operators and seen by their own brand only.
 */
class BrushingTest extends CatalogIntegrationTest {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([0-9a-f-]{36})\"");
    private static final Pattern RECENT_UNITS = Pattern.compile("\"recentUnits\":(\\d+)");

    @Autowired
    EventCodec codec;
    @Autowired
    FestivalClock clock;
    @Autowired
    JdbcClient sql;

    /** Who bought and how: the keys the detector clusters by. */
    private record Buyer(String shopper, String device, String payment, double lat, double lon) {
    }

    @Test
    void aRingOfSockPuppetsLeavesTheRankingAndTheIncubationWhileHonestBuyersStay() throws Exception {
        OpenBrand brushing = openBrand("KR");
        OpenBrand honest = openBrand("JP");
        UUID storeA = UUID.randomUUID();
        UUID storeB = UUID.randomUUID();
        UUID[] cheap = product(brushing, "Sheet mask", 500, 1_000, 301);
        UUID[] tea = product(honest, "Matcha", 5_900, 1_000, 301);
        Instant now = clock.instant();
        List<EventEnvelope<OrderConfirmed>> ring = new ArrayList<>();
        List<EventEnvelope<OrderConfirmed>> fair = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            // A household: two shoppers on one phone, buying at the brushing brand's store too. Not a cluster.
            String family = "family-" + UUID.randomUUID();
            fair.add(send(producer, sale(storeA, brushing.id(), cheap, new Buyer("mum-" + family, family, "w-mum-" + family, 31.1, 121.1), 1, 500, now)));
            fair.add(send(producer, sale(storeA, brushing.id(), cheap, new Buyer("son-" + family, family, "w-son-" + family, 31.2, 121.2), 1, 500, now)));
            for (int i = 0; i < 6; i++) {
                String who = "fair-" + i + "-" + UUID.randomUUID();
                fair.add(send(producer, sale(storeB, honest.id(), tea, new Buyer(who, "d-" + who, "w-" + who, 30 + i * 0.1, 120 + i * 0.1), 1, 5_900, now)));
            }
            // The ring: eight puppets on two phones and two wallets, all to one drop address.
            String ringId = UUID.randomUUID().toString();
            for (int i = 0; i < 8; i++) {
                ring.add(send(producer, sale(storeA, brushing.id(), cheap, new Buyer("puppet-" + i + "-" + ringId,
                        "phone-" + (i / 4) + ringId, "wallet-" + (i % 2) + ringId, 22.5431, 114.0579), 3, 500, now)));
            }
        }
        List<EventEnvelope<OrderConfirmed>> all = new ArrayList<>(ring);
        all.addAll(fair);
        awaitJudged(orderIds(all));
        Set<UUID> ringOrders = orderIds(ring);
        String cases = call("GET", "/api/catalog/brushing/cases?limit=500&store=" + storeA, operator, null).body();
        assertThat(ids(cases)).containsExactlyInAnyOrderElementsOf(ringOrders);
        assertThat(cases).contains("\"name\":\"shared-device\"", "a device shared by 4 buyers of this store",
                "\"name\":\"shared-payment\"", "\"state\":\"SUSPECTED\"");
        assertThat(ids(call("GET", "/api/catalog/brushing/cases?limit=500&store=" + storeB, operator, null).body())).isEmpty();

        // Out of the ranking: only the household's two units count; the honest store's six all do.
        assertThat(recentUnits(cheap)).isEqualTo(2);
        assertThat(recentUnits(tea)).isEqualTo(6);
        // And out of incubation: 2 x 5.00 CNY, not the ring's 8 x 15.00 on top.
        assertThat(call("GET", "/api/catalog/brand/incubation", brushing.token(), null).body()).contains("\"minor\":1000,");
    }

    @Test
    void operatorsDecideCasesOnceAndBrandsSeeOnlyTheirOwn() throws Exception {
        OpenBrand brand = openBrand("FR");
        OpenBrand other = openBrand("IT");
        UUID store = UUID.randomUUID();
        UUID[] perfume = product(brand, "Eau de parfum", 29_900, 100, 301);
        Instant now = clock.instant();
        // openBrand opened the store with a token for "manager-<brand>": that account is the brand's staff.
        String staff = "manager-" + brand.id();
        EventEnvelope<OrderConfirmed> staffOrder;
        EventEnvelope<OrderConfirmed> refundedSoon;
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            staffOrder = send(producer, sale(store, brand.id(), perfume, new Buyer(staff, "d-staff", "w-staff", 31.0, 121.0), 2, 29_900, now));
            String who = "quick-" + UUID.randomUUID();
            refundedSoon = send(producer, sale(store, brand.id(), perfume, new Buyer(who, "d-" + who, "w-" + who, 30.0, 120.0), 1, 29_900, now));
        }
        awaitJudged(List.of(staffOrder.payload().orderId(), refundedSoon.payload().orderId()));
        UUID staffId = staffOrder.payload().orderId();
        String staffCase = call("GET", "/api/catalog/brushing/cases/" + staffId, operator, null).body();
        assertThat(staffCase).contains("\"name\":\"staff-buyer\"", "\"weight\":60", "\"state\":\"SUSPECTED\"");
        assertThat(recentUnits(perfume)).isEqualTo(1);

        // A first order refunded at once is a first order and a quick refund: 40 points, below the threshold.
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            send(producer, refund(refundedSoon.payload(), 1, now.plus(Duration.ofMinutes(5))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.sql("select score from brushing_orders where order_id = ?")
                .param(refundedSoon.payload().orderId()).query(Integer.class).single() == 40);
        assertThat(call("GET", "/api/catalog/brushing/cases/" + refundedSoon.payload().orderId(), operator, null).statusCode())
                .as("a cleared order is not a case").isEqualTo(404);
        assertThat(recentUnits(perfume)).isZero();

        // The brand sees its own case, read-only; another brand and shoppers do not.
        assertThat(call("GET", "/api/catalog/brushing/cases/" + staffId, brand.token(), null).statusCode()).isEqualTo(200);
        assertThat(ids(call("GET", "/api/catalog/brushing/cases", brand.token(), null).body())).contains(staffId);
        HttpResponse<String> hidden = call("GET", "/api/catalog/brushing/cases/" + staffId, other.token(), null);
        Http.assertProblem(hidden, 404);
        assertThat(ids(call("GET", "/api/catalog/brushing/cases?limit=500", other.token(), null).body())).doesNotContain(staffId);
        assertThat(call("GET", "/api/catalog/brushing/stores", other.token(), null).body()).doesNotContain(store.toString());
        assertThat(call("GET", "/api/catalog/brushing/stores", brand.token(), null).body()).contains(store.toString());
        Http.assertProblem(call("GET", "/api/catalog/brushing/cases", Tokens.shopper("nosy"), null), 403);
        Http.assertProblem(call("POST", "/api/catalog/brushing/cases/" + staffId + "/decision", brand.token(),
                "{\"decision\":\"DISMISS\"}"), 403);

        // Bad decisions change nothing.
        HttpResponse<String> odd = call("POST", "/api/catalog/brushing/cases/" + staffId + "/decision", operator, "{\"decision\":\"MAYBE\"}");
        Http.assertProblem(odd, 400);
        assertThat(odd.body()).contains("decision").doesNotContain("java.", "Exception");
        Http.assertProblem(call("POST", "/api/catalog/brushing/cases/" + staffId + "/decision", operator, "{}"), 400);
        Http.assertProblem(call("POST", "/api/catalog/brushing/cases/" + UUID.randomUUID() + "/decision", operator,
                "{\"decision\":\"CONFIRM\"}"), 404);
        Http.assertProblem(call("POST", "/api/catalog/brushing/cases/" + refundedSoon.payload().orderId() + "/decision", operator,
                "{\"decision\":\"CONFIRM\"}"), 404);
        assertThat(call("GET", "/api/catalog/brushing/cases/" + staffId, operator, null).body()).contains("\"state\":\"SUSPECTED\"");

        // Dismissed: the order counts again, and the decision is kept with who made it; a second decision is a 409.
        String reviewer = Tokens.operator("reviewer-1");
        HttpResponse<String> dismissed = call("POST", "/api/catalog/brushing/cases/" + staffId + "/decision", reviewer,
                "{\"decision\":\"DISMISS\",\"note\":\"a staff sample order, paid in full\"}");
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(dismissed.body()).contains("\"state\":\"DISMISSED\"", "\"decidedBy\":\"reviewer-1\"",
                "a staff sample order, paid in full");
        assertThat(recentUnits(perfume)).isEqualTo(2);
        assertThat(call("GET", "/api/catalog/brand/incubation", brand.token(), null).body()).contains("\"minor\":59800,");
        Http.assertProblem(call("POST", "/api/catalog/brushing/cases/" + staffId + "/decision", operator,
                "{\"decision\":\"CONFIRM\"}"), 409);
        assertThat(recentUnits(perfume)).isEqualTo(2);
    }

    @Test
    void aRefundOfASuspectedOrderIsNotTakenOutTwice() throws Exception {
        OpenBrand brand = openBrand("DE");
        UUID store = UUID.randomUUID();
        UUID[] socks = product(brand, "Wool socks", 900, 1_000, 301);
        Instant now = clock.instant();
        String ringId = UUID.randomUUID().toString();
        List<EventEnvelope<OrderConfirmed>> ring = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            for (int i = 0; i < 3; i++) {
                ring.add(send(producer, sale(store, brand.id(), socks, new Buyer("p" + i + ringId, "phone" + ringId,
                        "w" + i + ringId, 23.1 + i, 113.2), 4, 900, now)));
            }
        }
        awaitJudged(orderIds(ring));
        assertThat(recentUnits(socks)).isZero();
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            send(producer, refund(ring.getFirst().payload(), 3, now.plus(Duration.ofDays(2))));
        }
        UUID first = ring.getFirst().payload().orderId();
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.sql("select lines::text from brushing_orders where order_id = ?")
                .param(first).query(String.class).single().contains("\"units\": 1"));
        assertThat(recentUnits(socks)).as("the refund did not take the suspected units out again").isZero();
        HttpResponse<String> dismissed = call("POST", "/api/catalog/brushing/cases/" + first + "/decision", operator,
                "{\"decision\":\"DISMISS\"}");
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(recentUnits(socks)).as("only the unit not returned comes back").isEqualTo(1);
        assertThat(dismissed.body()).contains("\"stillCounting\":{\"minor\":900");
    }

    /**
     * A seeded day at ten stores: honest shoppers with their own phones and wallets (some households share one),
     * addresses across town (some at the same office), cheap items now and then, first orders; and three stores brushing
     * through rings of sock puppets that vary which phone, wallet and address each uses, what they buy and whether they
     * are refunded at once. The detector must find at least 90 % of the ring's orders and be right 95 % of the time.
     */
    @Test
    void onASeededDayTheDetectorIsPreciseAndFindsTheRings() throws Exception {
        Random random = new Random(1111);
        OpenBrand brand = openBrand("US");
        List<UUID[]> products = new ArrayList<>();
        long[] prices = {500, 900, 5_900, 12_900, 39_900};
        for (long price : prices) {
            products.add(product(brand, "Item " + price, price, 100_000, 301));
        }
        List<UUID> stores = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stores.add(UUID.randomUUID());
        }
        Instant now = clock.instant();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Buyer> shoppers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String who = run + "-shopper-" + i;
            // One in ten shares the phone of the shopper before (a household); one in twenty works at the same office.
            String device = i % 10 == 1 ? shoppers.get(i - 1).device() : "d-" + who;
            boolean office = i % 20 == 0;
            shoppers.add(new Buyer(who, device, "w-" + who, office ? 31.2304 : 31 + random.nextDouble(),
                    office ? 121.4737 : 121 + random.nextDouble()));
        }
        Set<UUID> brushed = new HashSet<>();
        int orders = 0;
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            for (int i = 0; i < 400; i++) {
                Buyer buyer = shoppers.get(random.nextInt(shoppers.size()));
                int p = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(prices.length - 1);
                EventEnvelope<OrderConfirmed> sale = send(producer, sale(stores.get(random.nextInt(stores.size())), brand.id(),
                        products.get(p), buyer, 1 + random.nextInt(2), prices[p], now));
                orders++;
                if (random.nextInt(25) == 0) {
                    send(producer, refund(sale.payload(), 1, now.plus(Duration.ofMinutes(random.nextInt(90)))));
                }
            }
            for (int r = 0; r < 3; r++) {
                UUID store = stores.get(r);
                int puppets = 10 + random.nextInt(8);
                int phones = 2 + random.nextInt(3);
                int wallets = 2 + random.nextInt(3);
                int doors = 1 + random.nextInt(3);
                for (int i = 0; i < puppets; i++) {
                    String who = run + "-ring" + r + "-" + i;
                    // Each puppet varies: a fifth bring their own phone, a fifth their own wallet, some their own door.
                    String device = random.nextInt(5) == 0 ? "own-" + who : "ring" + r + "-phone" + random.nextInt(phones) + run;
                    String payment = random.nextInt(5) == 0 ? "own-" + who : "ring" + r + "-wallet" + random.nextInt(wallets) + run;
                    boolean ownDoor = random.nextInt(4) == 0;
                    int door = random.nextInt(doors);
                    Buyer puppet = new Buyer(who, device, payment, ownDoor ? 22 + random.nextDouble() : 22.5 + door * 0.01,
                            ownDoor ? 114 + random.nextDouble() : 114.05);
                    for (int k = 0; k < 1 + random.nextInt(2); k++) {
                        int p = random.nextInt(10) < 7 ? random.nextInt(2) : 2;
                        EventEnvelope<OrderConfirmed> sale = send(producer, sale(store, brand.id(), products.get(p), puppet,
                                1 + random.nextInt(3), prices[p], now));
                        brushed.add(sale.payload().orderId());
                        orders++;
                        if (random.nextInt(5) == 0) {
                            send(producer, refund(sale.payload(), 1, now.plus(Duration.ofMinutes(random.nextInt(30)))));
                        }
                    }
                }
            }
        }
        int expected = orders;
        await().atMost(Duration.ofSeconds(60)).until(() -> sql.sql("select count(*) from brushing_orders where store_id = any(?)")
                .param(stores.toArray(UUID[]::new)).query(Integer.class).single() == expected);
        Thread.sleep(1_000); // the refunds after the last orders
        Set<UUID> flagged = new HashSet<>();
        for (UUID store : stores) {
            flagged.addAll(ids(call("GET", "/api/catalog/brushing/cases?limit=500&store=" + store, operator, null).body()));
        }
        long caught = flagged.stream().filter(brushed::contains).count();
        flagged.stream().filter(id -> !brushed.contains(id)).forEach(id -> System.out.println("FP " + sql.sql(
                "select signals::text from brushing_orders where order_id = ?").param(id).query(String.class).single()));
        double precision = caught * 100.0 / Math.max(1, flagged.size());
        double recall = caught * 100.0 / brushed.size();
        System.out.printf("Seeded day: %d orders, %d brushed, %d flagged; precision %.1f %%, recall %.1f %%%n", orders,
                brushed.size(), flagged.size(), precision, recall);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(95);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(90);
    }

    private void awaitJudged(java.util.Collection<UUID> orders) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.sql("select count(*) from brushing_orders where order_id = any(?)")
                .param(orders.toArray(UUID[]::new)).query(Integer.class).single() == orders.size());
    }

    /** The product's units in the best-sellers sort of its brand's products. */
    private int recentUnits(UUID[] product) throws Exception {
        String detail = call("GET", "/api/catalog/products/" + product[0], null, null).body();
        String page = call("GET", "/api/catalog/products?sort=sales&limit=100&brand=" + field(detail, "brandId"), null, null).body();
        int at = page.indexOf("\"id\":\"" + product[0] + "\"");
        assertThat(at).as(page).isNotNegative();
        Matcher units = RECENT_UNITS.matcher(page.substring(at));
        assertThat(units.find()).isTrue();
        return Integer.parseInt(units.group(1));
    }

    private static Set<UUID> orderIds(List<EventEnvelope<OrderConfirmed>> events) {
        Set<UUID> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.payload().orderId()));
        return ids;
    }

    private static List<UUID> ids(String page) {
        List<UUID> ids = new ArrayList<>();
        Matcher m = ORDER_ID.matcher(page);
        while (m.find()) {
            ids.add(UUID.fromString(m.group(1)));
        }
        return ids;
    }

    private static EventEnvelope<OrderConfirmed> sale(UUID store, UUID brand, UUID[] product, Buyer buyer, int units,
                                                      long unitFen, Instant at) {
        UUID orderId = UUID.randomUUID();
        long paid = unitFen * units;
        OrderConfirmed confirmed = new OrderConfirmed(orderId, UUID.randomUUID(), buyer.shopper(), store, brand,
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Shenzhen", "Guangdong", at,
                Money.fen(paid), Money.fen(0), Money.fen(paid), List.of(new OrderConfirmed.Line(product[1], product[0],
                brand, 301, "US", units, Money.fen(paid), Money.fen(0), Money.fen(paid))), buyer.lat(), buyer.lon(),
                new OrderConfirmed.Buyer(buyer.device(), buyer.payment()));
        return EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, orderId.toString(), at, null, confirmed);
    }

    private static EventEnvelope<OrderRefunded> refund(OrderConfirmed sale, int units, Instant at) {
        OrderConfirmed.Line line = sale.lines().getFirst();
        long amount = line.paid().minor() / line.quantity() * units;
        OrderRefunded refunded = new OrderRefunded(UUID.randomUUID(), sale.orderId(), sale.checkoutId(), sale.shopperId(),
                sale.storeId(), sale.brandId(), null, sale.confirmedAt(), at, Money.fen(amount), units == line.quantity(),
                List.of(new OrderRefunded.Line(1, line.skuId(), line.productId(), line.brandId(), 301, units, Money.fen(amount))));
        return EventEnvelope.wrap(EventCatalog.ORDER_REFUNDED, sale.orderId().toString(), at, null, refunded);
    }

    private <T> EventEnvelope<T> send(KafkaProducer<String, byte[]> producer, EventEnvelope<T> event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), event.aggregateKey(), codec.encode(event))).get();
        return event;
    }
}
