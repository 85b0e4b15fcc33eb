package io.singlesday.logistics;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.logistics.flow.ParcelFlow;
import io.singlesday.logistics.parcel.ShipOrders;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders in, parcels out: routing, idempotency, cancellation, tracking, the flow to the door, and bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logistics.flow.enabled=false")
@WithRealEngines(database = "logistics")
class LogisticsTest {

    private static final KafkaProducer<String, byte[]> producer = TopicRecords.producer();

    @LocalServerPort
    int port;
    @Autowired
    EventCodec codec;
    @Autowired
    JdbcClient sql;
    @Autowired
    ParcelFlow flow;
    @Autowired
    ShipOrders ship;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    FestivalClock clock;
    @Autowired
    io.singlesday.logistics.parcel.Parcels parcels;
    @Autowired
    io.singlesday.logistics.returns.ReturnFlow returnFlow;

    private final String operator = Tokens.operator("logistics-ops");

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static OrderConfirmed order(String shopper, Double lat, Double lon, OrderConfirmed.Line... lines) {
        long paid = 0;
        for (OrderConfirmed.Line l : lines) {
            paid += l.paid().minor();
        }
        return new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), shopper, UUID.randomUUID(), UUID.randomUUID(),
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Beijing", "Beijing", Instant.now(),
                Money.fen(paid), Money.fen(0), Money.fen(paid), List.of(lines), lat, lon);
    }

    private static OrderConfirmed.Line line(UUID sku, int quantity, String origin) {
        return new OrderConfirmed.Line(sku, UUID.randomUUID(), UUID.randomUUID(), 301, origin, quantity,
                Money.fen(10_000), Money.fen(0), Money.fen(10_000));
    }

    private byte[] send(Object payload, UUID orderId) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        EventEnvelope<?> envelope = EventEnvelope.wrap((io.singlesday.contracts.EventType) (switch (payload) {
            case OrderConfirmed c -> EventCatalog.ORDER_CONFIRMED;
            case io.singlesday.contracts.orders.OrderRefunded r -> EventCatalog.ORDER_REFUNDED;
            default -> EventCatalog.ORDER_CANCELLED;
        }), orderId.toString(), Instant.now(), null, payload);
        byte[] bytes = codec.encode(envelope);
        resend(orderId, bytes);
        return bytes;
    }

    private void resend(UUID orderId, byte[] bytes) {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), orderId.toString(), bytes));
        producer.flush();
    }

    private int parcelsOf(UUID orderId) {
        return sql.sql("select count(*) from parcels where order_id = ?").param(orderId).query(Integer.class).single();
    }

    private List<String> states(UUID orderId) {
        return sql.sql("select state from parcels where order_id = ? order by route").param(orderId).query(String.class).list();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json);
    }

    /** The flow only moves forward, so each test walks on from where the last one left its ticks. */
    private static Instant flowTime = Instant.MIN;

    /** Ticks the flow an hour of festival time at a time, for at most ten days, until {@code done}. */
    private void walkHourly(BooleanSupplier done, Runnable eachHour) {
        Instant t = clock.instant().isAfter(flowTime) ? clock.instant() : flowTime;
        flow.advanceTo(t);
        for (int hour = 1; hour <= 24 * 10 && !done.getAsBoolean(); hour++) {
            eachHour.run();
            t = t.plus(Duration.ofHours(1));
            flow.advanceTo(t);
        }
        flowTime = t;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void anOrderWithImportedGoodsBecomesTwoParcelsOnceHoweverOftenItArrives() throws Exception {
        OrderConfirmed order = order("mei", 39.95, 116.40, line(UUID.randomUUID(), 1, "CN"), line(UUID.randomUUID(), 2, "DE"));
        byte[] confirmation = send(order, order.orderId());
        await(() -> parcelsOf(order.orderId()) == 2);
        resend(order.orderId(), confirmation);
        send(order, order.orderId()); // the same order under another event id
        Thread.sleep(1_500);
        assertThat(parcelsOf(order.orderId())).isEqualTo(2);
        assertThat(sql.sql("select origin || '/' || route from parcels where order_id = ? order by route")
                .param(order.orderId()).query(String.class).list()).containsExactly("TSN-B/CROSS_BORDER", "PEK-1/STANDARD");

        String mine = Tokens.shopper("mei");
        String list = call("GET", "/api/logistics/parcels?orderId=" + order.orderId(), mine, null).body();
        String parcelId = Http.field(list, "id");
        HttpResponse<String> tracked = call("GET", "/api/logistics/parcels/" + parcelId, mine, null);
        assertThat(tracked.statusCode()).isEqualTo(200);
        assertThat(tracked.body()).contains("\"state\":\"CREATED\"").contains("routed");
        assertProblem(call("GET", "/api/logistics/parcels/" + parcelId, Tokens.shopper("someone-else"), null), 404);
        assertThat(call("GET", "/api/logistics/parcels?orderId=" + order.orderId(), Tokens.shopper("someone-else"), null)
                .body()).isEqualTo("{\"items\":[],\"next\":null}");
        assertThat(call("GET", "/api/logistics/parcels/" + parcelId, operator, null).statusCode()).isEqualTo(200);
        assertProblem(call("GET", "/api/logistics/parcels/" + UUID.randomUUID(), mine, null), 404);
        assertProblem(call("GET", "/api/logistics/parcels/not-an-id", mine, null), 400);
        assertProblem(call("GET", "/api/logistics/parcels?limit=0", mine, null), 400);
        assertProblem(call("GET", "/api/logistics/parcels?orderId=nope", mine, null), 400);
        String standard = sql.sql("select id::text from parcels where order_id = ? and route = 'STANDARD'")
                .param(order.orderId()).query(String.class).single();
        assertProblem(call("POST", "/api/logistics/parcels/" + standard + "/customs/hold", operator, null), 409);
        assertProblem(call("POST", "/api/logistics/parcels/" + standard + "/customs/hold", mine, null), 403);
        assertProblem(call("POST", "/api/logistics/parcels/" + UUID.randomUUID() + "/customs/release", operator, null), 404);
    }

    @Test
    void aCancelledOrderStopsItsParcelsBeforeTheyLeaveTheWarehouse() throws Exception {
        OrderConfirmed order = order("li", 31.23, 121.47, line(UUID.randomUUID(), 1, "CN"));
        send(order, order.orderId());
        await(() -> parcelsOf(order.orderId()) == 1);
        send(new OrderCancelled(order.orderId(), order.checkoutId(), "li", order.storeId(), order.brandId(), null,
                OrderCancelled.Reason.SHOPPER_CANCELLED, "changed my mind", Instant.now(), true, order.lines()), order.orderId());
        await(() -> states(order.orderId()).equals(List.of("CANCELLED")));
    }

    private static io.singlesday.contracts.orders.OrderRefunded refund(OrderConfirmed order, UUID refundId, int units) {
        OrderConfirmed.Line line = order.lines().getFirst();
        return new io.singlesday.contracts.orders.OrderRefunded(refundId, order.orderId(), order.checkoutId(),
                order.shopperId(), order.storeId(), order.brandId(), null, order.confirmedAt(), Instant.now(),
                Money.fen(1_000L * units), false, List.of(new io.singlesday.contracts.orders.OrderRefunded.Line(1,
                line.skuId(), line.productId(), line.brandId(), line.categoryId(), units, Money.fen(1_000L * units))));
    }

    private int units(UUID orderId) {
        return sql.sql("select coalesce(sum(l.quantity), 0) from parcel_lines l join parcels p on p.id = l.parcel_id where p.order_id = ?")
                .param(orderId).query(Integer.class).single();
    }

    private List<String> returnStates(UUID orderId) {
        return sql.sql("select state from return_parcels where order_id = ?").param(orderId).query(String.class).list();
    }

    @Test
    void refundedUnitsStayInTheWarehouseIfTheyHaveNotLeftAndComeBackOnceIfTheyHave() throws Exception {
        OrderConfirmed waiting = order("zhou", 31.23, 121.47, line(UUID.randomUUID(), 2, "CN"));
        send(waiting, waiting.orderId());
        await(() -> parcelsOf(waiting.orderId()) == 1);
        send(refund(waiting, UUID.randomUUID(), 1), waiting.orderId());
        await(() -> units(waiting.orderId()) == 1);
        assertThat(states(waiting.orderId())).containsExactly("CREATED");
        send(refund(waiting, UUID.randomUUID(), 1), waiting.orderId());
        await(() -> states(waiting.orderId()).equals(List.of("CANCELLED")));
        assertThat(returnStates(waiting.orderId())).isEmpty();

        OrderConfirmed delivered = order("zhou", 31.23, 121.47, line(UUID.randomUUID(), 3, "CN"));
        send(delivered, delivered.orderId());
        await(() -> parcelsOf(delivered.orderId()) == 1);
        walkHourly(() -> states(delivered.orderId()).equals(List.of("DELIVERED")), () -> {
        });
        UUID refundId = UUID.randomUUID();
        byte[] twoBack = send(refund(delivered, refundId, 2), delivered.orderId());
        resend(delivered.orderId(), twoBack);
        send(refund(delivered, refundId, 2), delivered.orderId()); // the same refund under another event id
        await(() -> returnStates(delivered.orderId()).equals(List.of("AWAITING_PICKUP")));
        Thread.sleep(1_500);
        assertThat(returnStates(delivered.orderId())).hasSize(1);
        assertThat(sql.sql("select sum(l.quantity) from return_parcel_lines l join return_parcels r on r.id = l.return_id where r.order_id = ?")
                .param(delivered.orderId()).query(Integer.class).single()).isEqualTo(2);

        Instant deliveredAt = sql.sql("select delivered_at from parcels where order_id = ?").param(delivered.orderId())
                .query(java.sql.Timestamp.class).single().toInstant();
        Instant created = sql.sql("select created_at from return_parcels where order_id = ?").param(delivered.orderId())
                .query(java.sql.Timestamp.class).single().toInstant();
        Instant pickup = (created.isAfter(deliveredAt) ? created : deliveredAt).plus(Duration.ofHours(4));
        returnFlow.advanceTo(pickup.minusSeconds(60));
        assertThat(returnStates(delivered.orderId())).containsExactly("AWAITING_PICKUP");
        returnFlow.advanceTo(pickup);
        assertThat(returnStates(delivered.orderId())).containsExactly("IN_TRANSIT");
        returnFlow.advanceTo(pickup.plus(Duration.ofHours(24)));
        assertThat(returnStates(delivered.orderId())).containsExactly("RECEIVED");

        HttpResponse<String> mine = call("GET", "/api/logistics/returns?orderId=" + delivered.orderId(), Tokens.shopper("zhou"), null);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("\"state\":\"RECEIVED\"").contains("\"quantity\":2").contains(refundId.toString());
        assertThat(call("GET", "/api/logistics/returns?orderId=" + delivered.orderId(), Tokens.shopper("nosy"), null).body())
                .isEqualTo("[]");
        assertThat(call("GET", "/api/logistics/returns?orderId=" + delivered.orderId(), operator, null).body()).contains(refundId.toString());
        assertProblem(call("GET", "/api/logistics/returns?orderId=nope", Tokens.shopper("zhou"), null), 400);
        assertProblem(call("GET", "/api/logistics/returns", Tokens.shopper("zhou"), null), 400);
    }

    @Test
    void parcelsWalkEveryStepOnTheFestivalClockAndTheTimelineShowsEachOnce() throws Exception {
        OrderConfirmed order = order("wang", 39.95, 116.40, line(UUID.randomUUID(), 1, "CN"), line(UUID.randomUUID(), 1, "JP"));
        send(order, order.orderId());
        await(() -> parcelsOf(order.orderId()) == 2);
        walkHourly(() -> states(order.orderId()).stream().allMatch(s -> s.equals("DELIVERED")),
                // Release anything customs held, as an operator would.
                () -> sql.sql("update parcels set customs_hold = false where order_id = ?").param(order.orderId()).update());
        assertThat(states(order.orderId())).containsOnly("DELIVERED");
        List<String> crossBorder = sql.sql("""
                select t.state from parcel_timeline t join parcels p on p.id = t.parcel_id
                where p.order_id = ? and p.route = 'CROSS_BORDER' order by t.id""").param(order.orderId()).query(String.class).list();
        assertThat(crossBorder).containsExactly("CREATED", "PICKED", "PACKED", "DISPATCHED", "CUSTOMS", "IN_TRANSIT",
                "OUT_FOR_DELIVERY", "DELIVERED");
        HttpResponse<String> ops = call("GET", "/api/logistics/operations", operator, null);
        assertThat(ops.statusCode()).isEqualTo(200);
        assertThat(ops.body()).contains("\"DELIVERED\":").contains("\"onTimePercent\"");
        assertProblem(call("GET", "/api/logistics/operations", Tokens.shopper("wang"), null), 403);
    }

    @Test
    void aBurstOfOrdersMovesTogetherEachParcelOneStepPerTickWithOneTimelineRowAndOneEventPerStep() throws Exception {
        List<OrderConfirmed> burst = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            burst.add(order("burst-" + i, null, null, line(UUID.randomUUID(), 1, "CN")));
        }
        burst.forEach(o -> producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), o.orderId().toString(),
                codec.encode(EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, o.orderId().toString(), Instant.now(), null, o)))));
        producer.flush();
        await(() -> burst.stream().allMatch(o -> parcelsOf(o.orderId()) == 1));
        List<UUID> orders = burst.stream().map(OrderConfirmed::orderId).toList();
        walkHourly(() -> orders.stream().allMatch(o -> states(o).equals(List.of("DELIVERED"))), () -> {
        });
        orders.forEach(o -> assertThat(states(o)).as("order %s", o).containsExactly("DELIVERED"));
        List<String> timelines = sql.sql("""
                select string_agg(t.state, ' ' order by t.id) from parcel_timeline t join parcels p on p.id = t.parcel_id
                where p.order_id = any(?) group by p.id""").param(orders.toArray(UUID[]::new)).query(String.class).list();
        assertThat(timelines).hasSize(orders.size())
                .containsOnly("CREATED PICKED PACKED DISPATCHED IN_TRANSIT OUT_FOR_DELIVERY DELIVERED");
        await(() -> sql.sql("select count(*) from outbox_events").query(Long.class).single() == 0);
        java.util.Set<String> keys = new java.util.HashSet<>(orders.stream().map(UUID::toString).toList());
        List<String> published = TopicRecords.readAll(Topics.LOGISTICS_PARCELS.name(), Duration.ofSeconds(10)).stream()
                .filter(r -> keys.contains(r.key()))
                .map(r -> ((io.singlesday.contracts.logistics.ParcelStateChanged) codec.decode(r.value()).payload()).state())
                .toList();
        assertThat(published).as("one event per step of every parcel").hasSize(7 * orders.size());
        assertThat(published.stream().filter("PICKED"::equals).count()).isEqualTo(orders.size());
    }

    @Test
    void aParcelAnotherMoverMovedFirstIsLeftAloneByABatchMove() throws Exception {
        OrderConfirmed order = order("stale", null, null, line(UUID.randomUUID(), 1, "CN"));
        send(order, order.orderId());
        await(() -> parcelsOf(order.orderId()) == 1);
        io.singlesday.logistics.parcel.Parcels.Parcel seen = parcels.ofOrder(order.orderId()).getFirst();
        Instant now = clock.instant();
        // Moved by someone else after this mover read it, as a cancellation would.
        transactions.executeWithoutResult(s -> parcels.move(seen, io.singlesday.logistics.parcel.ParcelState.CANCELLED,
                now, "order cancelled: test"));
        List<io.singlesday.logistics.parcel.Parcels.Move> applied = transactions.execute(s -> parcels.moveAll(List.of(
                new io.singlesday.logistics.parcel.Parcels.Move(seen, io.singlesday.logistics.parcel.ParcelState.PICKED,
                        "picked"), new io.singlesday.logistics.parcel.Parcels.Move(seen,
                        io.singlesday.logistics.parcel.ParcelState.PICKED, "picked twice")), now));
        assertThat(applied).isEmpty();
        assertThat(states(order.orderId())).containsExactly("CANCELLED");
        assertThat(parcels.timeline(seen.id()).stream().map(io.singlesday.logistics.parcel.Parcels.Step::state))
                .containsExactly("CREATED", "CANCELLED");
    }

    @Test
    void theLastUnitOnAHemaShelfGoesToExactlyOneOfTwoNeighboursOrderingAtOnce() throws Exception {
        UUID sku = UUID.randomUUID();
        String store = "HEMA-T-" + Math.abs(sku.getLeastSignificantBits() % 100000);
        assertThat(call("PUT", "/api/logistics/network/hema-stores/" + store, operator,
                "{\"name\":\"Hema test\",\"city\":\"Hangzhou\",\"latitude\":30.30,\"longitude\":120.20}").statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/logistics/network/hema-stores/" + store + "/stock/" + sku, operator,
                "{\"quantity\":1}").statusCode()).isEqualTo(200);
        List<OrderConfirmed> neighbours = List.of(order("n1", 30.301, 120.201, line(sku, 1, "CN")),
                order("n2", 30.302, 120.199, line(sku, 1, "CN")));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> both = new ArrayList<>();
        for (OrderConfirmed o : neighbours) {
            both.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                transactions.executeWithoutResult(s -> ship.ship(o, clock.instant()));
            }));
        }
        start.countDown();
        both.forEach(CompletableFuture::join);
        List<String> routes = new ArrayList<>();
        neighbours.forEach(o -> routes.addAll(sql.sql("select route from parcels where order_id = ?").param(o.orderId())
                .query(String.class).list()));
        assertThat(routes).containsExactlyInAnyOrder("HYPERLOCAL", "STANDARD");
        assertThat(sql.sql("select quantity from hema_stock where store_code = ? and sku_id = ?").params(store, sku)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void badNetworkInputIsAProblemNotAChange() throws Exception {
        String negative = "{\"name\":\"X\",\"kind\":\"REGIONAL\",\"province\":\"Hebei\",\"city\":\"Baoding\",\"latitude\":38.87,"
                + "\"longitude\":115.46,\"parcelsPerHour\":-5}";
        HttpResponse<String> r = call("PUT", "/api/logistics/network/warehouses/BAO-1", operator, negative);
        assertProblem(r, 400);
        assertThat(r.body()).contains("parcelsPerHour");
        assertProblem(call("PUT", "/api/logistics/network/warehouses/BAO-1", operator,
                negative.replace("-5", "100").replace("38.87", "91.5")), 400);
        assertProblem(call("PUT", "/api/logistics/network/warehouses/BAO-1", operator,
                negative.replace("-5", "100").replace("115.46", "\"east\"")), 400);
        assertProblem(call("PUT", "/api/logistics/network/warehouses/bad%20code", operator, negative.replace("-5", "100")), 400);
        assertProblem(call("PUT", "/api/logistics/network/warehouses/BAO-1", Tokens.shopper("x"), negative.replace("-5", "100")), 403);
        assertThat(sql.sql("select count(*) from warehouses where code = 'BAO-1'").query(Integer.class).single()).isZero();
        assertThat(call("PUT", "/api/logistics/network/warehouses/BAO-1", operator, negative.replace("-5", "100"))
                .statusCode()).isEqualTo(200);
        assertProblem(call("PUT", "/api/logistics/network/hema-stores/NOPE/stock/" + UUID.randomUUID(), operator,
                "{\"quantity\":1}"), 404);
        assertProblem(call("PUT", "/api/logistics/network/warehouses/BAO-2", operator, "{\"name\":"), 400);
        assertProblem(call("PUT", "/api/logistics/network/carriers/JD", operator,
                "{\"name\":\"JD\",\"provinces\":[],\"parcelsPerHour\":-1}"), 400);
        assertProblem(call("PUT", "/api/logistics/network/hema-stores/HEMA-X", operator,
                "{\"name\":\"X\",\"city\":\"Hangzhou\",\"latitude\":30.2,\"longitude\":200}"), 400);
        assertThat(sql.sql("select count(*) from carriers where code = 'JD'").query(Integer.class).single()).isZero();
        assertThat(sql.sql("select count(*) from hema_stores where code = 'HEMA-X'").query(Integer.class).single()).isZero();
    }
}
