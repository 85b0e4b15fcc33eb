package io.singlesday.order;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.ProductSnapshot;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** One shared context with the real engines; the participants are scripted on the real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "order.saga.participant-timeout=3s", "order.saga.backlog-refuse-after=1s", "order.saga.sweep-every=200ms",
        "order.saga.payment-recover-after=2s",
        "order.payment.latency=5ms", "order.payment.decline-rate=0"})
@WithRealEngines(database = "orders")
public abstract class OrderIntegrationTest {

    private static ScriptedParticipants participants;

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient sql;
    @Autowired
    protected EventCodec codec;

    protected final String shopperId = "shopper-" + UUID.randomUUID();
    protected final String shopper = Tokens.shopper(shopperId);
    protected final String operator = Tokens.operator("ops-" + UUID.randomUUID());

    @BeforeEach
    void startParticipants() throws InterruptedException {
        synchronized (OrderIntegrationTest.class) {
            if (participants == null) {
                participants = new ScriptedParticipants(codec, this::agreedDiscounts);
            }
        }
    }

    /** A coupon service that agrees with the checkout: each order's priced discount, under the first code. */
    private List<io.singlesday.contracts.coupons.CouponsLocked.OrderDiscount> agreedDiscounts(
            io.singlesday.contracts.coupons.LockCoupons lock) {
        return lock.orders().stream()
                .map(o -> new io.singlesday.contracts.coupons.CouponsLocked.OrderDiscount(lock.codes().getFirst(), o.orderId(),
                        Money.fen(sql.sql("select discount_fen from orders where id = ?").param(o.orderId()).query(Long.class).single())))
                .filter(d -> d.amount().minor() > 0)
                .toList();
    }

    protected static ScriptedParticipants participants() {
        return participants;
    }

    protected HttpResponse<String> call(String method, String path, String token, String json, String... headers)
            throws Exception {
        java.util.Map<String, String> named = new java.util.HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            named.put(headers[i], headers[i + 1]);
        }
        return Http.send("http://127.0.0.1:" + port, method, path, token, json, named);
    }

    /** A store with one product of one SKU at this price, as the catalog would announce it; returns the SKU. */
    protected Sku listSku(UUID storeId, UUID brandId, long priceFen) {
        UUID product = UUID.randomUUID();
        UUID sku = UUID.randomUUID();
        publish(EventCatalog.STORE_OPENED, brandId.toString(), new StoreOpened(storeId, brandId, "Store " + storeId,
                "DE", true, Instant.parse("2027-02-09T00:00:00Z")));
        publish(EventCatalog.PRODUCT_LISTED, product.toString(), new ProductSnapshot(product, storeId, brandId, "Brand",
                301, "Skin care", "Cream " + sku, "DE", true, true,
                List.of(new ProductSnapshot.Sku(sku, "C-" + sku, Money.fen(priceFen), 100))));
        await(() -> sql.sql("select count(*) from catalog_skus where sku_id = ?").param(sku).query(Integer.class).single() == 1);
        return new Sku(sku, product, storeId, brandId, priceFen);
    }

    public record Sku(UUID id, UUID productId, UUID storeId, UUID brandId, long priceFen) {
    }

    protected String issueCoupon(String owner, CouponIssued.Scope scope, UUID storeId, long thresholdFen, long discountFen,
                                 boolean stepped) {
        String code = "CPN-" + UUID.randomUUID().toString().substring(0, 13);
        publish(EventCatalog.COUPON_ISSUED, owner, new CouponIssued(code, UUID.randomUUID(), owner, scope, storeId, null,
                Money.fen(thresholdFen), Money.fen(discountFen), stepped, Instant.now().minus(Duration.ofDays(400)),
                Instant.now().plus(Duration.ofDays(400)), Instant.now()));
        await(() -> sql.sql("select count(*) from wallet_coupons where code = ?").param(code).query(Integer.class).single() == 1);
        return code;
    }

    protected <T> void publish(EventType<T> type, String key, T payload) {
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            producer.send(new ProducerRecord<>(type.topic().name(), key,
                    codec.encode(EventEnvelope.wrap(type, key, Instant.now(), null, payload)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String body(List<Map.Entry<Sku, Integer>> lines, List<String> coupons, String extra) {
        StringBuilder json = new StringBuilder("{\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"skuId\":\"").append(lines.get(i).getKey().id())
                    .append("\",\"quantity\":").append(lines.get(i).getValue()).append('}');
        }
        json.append("],\"couponCodes\":[");
        for (int i = 0; i < coupons.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(coupons.get(i)).append('"');
        }
        json.append("],").append(extra == null ? "\"channel\":\"APP\"" : extra).append(",\"address\":{\"recipient\":\"Li Wei\","
                + "\"street\":\"1 Wensan Road\",\"city\":\"Hangzhou\",\"province\":\"Zhejiang\",\"latitude\":30.27,\"longitude\":120.15}}");
        return json.toString();
    }

    protected HttpResponse<String> checkout(String key, String json, int waitSeconds) throws Exception {
        return waitSeconds > 0
                ? call("POST", "/api/orders", shopper, json, "Idempotency-Key", key, "Prefer", "wait=" + waitSeconds)
                : call("POST", "/api/orders", shopper, json, "Idempotency-Key", key);
    }

    protected static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    protected static String field(String json, String name) {
        return Http.field(json, name);
    }
}
