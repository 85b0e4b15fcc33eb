package io.singlesday.coupon;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.coupon.promotion.MysteryPrice;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Draws, Catch the Cat, the booklet, pop-up QR codes, mystery prices and N-for-N sales. */
class GamesTest extends CouponIntegrationTest {

    @Autowired
    FestivalClock clock;

    @Test
    void aDrawNeverSpendsBeyondItsBudgetHoweverManyEnterAtOnce() throws Exception {
        String prize = campaign("PLATFORM", null, 1000, 5);
        String draw = created("/api/coupons/draws", """
                {"campaignId":"%s","title":"Midnight draw","winChanceBp":10000,"budgetFen":100000,"entriesPerShopper":1,
                 "opensAt":"%s","closesAt":"%s"}""".formatted(prize, PAST, FUTURE));
        List<Callable<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String shopper = Tokens.shopper("draw-" + i + "-" + UUID.randomUUID());
            crowd.add(() -> post("/api/coupons/draws/" + draw + "/entries", shopper, null));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(crowd)) {
                answers.add(f.get());
            }
        }
        // 100,000 fen of budget, 5,000 fen per prize: exactly 20 winners, whatever the interleaving.
        assertThat(answers.stream().filter(a -> a.body().contains("\"won\":true")).count()).isEqualTo(20);
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 410));
        assertThat(sql.sql("select spent_fen from draws where id = ?::uuid").param(draw).query(Long.class).single()).isEqualTo(100_000);
        assertThat(sql.sql("select count(*) from coupons where campaign_id = ?::uuid").param(prize).query(Integer.class).single()).isEqualTo(20);
        Http.assertProblem(post("/api/coupons/draws/" + draw + "/entries", Tokens.shopper("late-" + UUID.randomUUID()), null), 410);
        Http.assertProblem(post("/api/coupons/draws", operator, """
                {"campaignId":"%s","title":"x","winChanceBp":20000,"budgetFen":-1,"entriesPerShopper":1,
                 "opensAt":"%s","closesAt":"%s"}""".formatted(prize, PAST, FUTURE)), 400);
    }

    @Test
    void theCatIsCaughtOnceInsideItsRadiusAndWindowAndImpossibleTravelIsRefused() throws Exception {
        String campaign = campaign("PLATFORM", null, 100, 5);
        // West Lake, Hangzhou; 200 m radius.
        String drop = created("/api/coupons/cat-drops", """
                {"campaignId":"%s","title":"Cat at West Lake","latitude":30.2431,"longitude":120.1500,"radiusM":200,
                 "opensAt":"%s","closesAt":"%s"}""".formatted(campaign, PAST, FUTURE));
        String shopper = Tokens.shopper("cat-" + UUID.randomUUID());

        HttpResponse<String> tooFar = catchAt(drop, shopper, 30.2431, 120.1530); // about 290 m east
        Http.assertProblem(tooFar, 422);
        assertThat(tooFar.body()).contains("Outside the catch radius");
        HttpResponse<String> caught = catchAt(drop, shopper, 30.2440, 120.1505);
        assertThat(caught.statusCode()).as(caught.body()).isEqualTo(201);
        assertThat(caught.body()).contains("\"code\":\"C-");
        Http.assertProblem(catchAt(drop, shopper, 30.2440, 120.1505), 409);
        HttpResponse<String> teleport = catchAt(drop, shopper, 39.9042, 116.4074); // Beijing, a moment later
        Http.assertProblem(teleport, 422);
        assertThat(teleport.body()).contains("Impossible travel");
        Http.assertProblem(catchAt(drop, shopper, 95.0, 120.15), 400);

        String later = created("/api/coupons/cat-drops", """
                {"campaignId":"%s","title":"Cat tomorrow","latitude":30.2431,"longitude":120.1500,"radiusM":200,
                 "opensAt":"%s","closesAt":"%s"}""".formatted(campaign, FUTURE, FUTURE.plusSeconds(60)));
        Http.assertProblem(catchAt(later, Tokens.shopper("early-" + UUID.randomUUID()), 30.2431, 120.15), 422);
        assertThat(sql.sql("select count(*) from coupons where campaign_id = ?::uuid").param(campaign).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void stampsFromPartnerBrandOrdersUnlockTheBookletRewardOnce() throws Exception {
        String reward = campaign("PLATFORM", null, 100, 1);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String booklet = created("/api/coupons/booklets", """
                {"title":"Collect 2 of 3","rewardCampaignId":"%s","partnerBrandIds":["%s","%s","%s"],"stampsRequired":2}"""
                .formatted(reward, a, b, UUID.randomUUID()));
        String shopperId = "stamps-" + UUID.randomUUID();
        confirmed(shopperId, a);
        confirmed(shopperId, a);
        confirmed(shopperId, UUID.randomUUID()); // not a partner
        awaitTrue(() -> progress(booklet, shopperId).contains("\"stamps\":1"));
        assertThat(progress(booklet, shopperId)).contains("\"rewardCode\":null");
        OrderConfirmed twice = confirmed(shopperId, b);
        awaitTrue(() -> progress(booklet, shopperId).contains("\"rewardCode\":\"C-"));
        publish(twice, UUID.randomUUID()); // a second order at b
        Thread.sleep(1000);
        assertThat(progress(booklet, shopperId)).contains("\"stamps\":2");
        assertThat(sql.sql("select count(*) from coupons where campaign_id = ?::uuid").param(reward).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aPopUpStoreQrCodeClaimsThatStoresCoupon() throws Exception {
        UUID store = UUID.randomUUID();
        String campaign = campaign("STORE", store, 10, 1);
        HttpResponse<String> qr = post("/api/coupons/qr-codes", operator, "{\"campaignId\":\"%s\",\"validUntil\":\"%s\"}".formatted(campaign, FUTURE));
        assertThat(qr.statusCode()).as(qr.body()).isEqualTo(201);
        String code = field(qr.body(), "code");
        assertThat(field(qr.body(), "storeId")).isEqualTo(store.toString());
        String shopper = Tokens.shopper("popup-" + UUID.randomUUID());
        assertThat(post("/api/coupons/qr-codes/" + code + "/claims", shopper, null).statusCode()).isEqualTo(201);
        Http.assertProblem(post("/api/coupons/qr-codes/" + code + "/claims", shopper, null), 409);
        Http.assertProblem(post("/api/coupons/qr-codes/QR-NOPE/claims", shopper, null), 404);
        Http.assertProblem(post("/api/coupons/qr-codes", operator, "{\"campaignId\":\"%s\",\"validUntil\":\"%s\"}"
                .formatted(campaign("PLATFORM", null, 10, 1), FUTURE)), 400);
    }

    @Test
    void mysteryPricesStayMaskedUntilTheirRevealAndNForNSalesLastNHours() throws Exception {
        assertThat(MysteryPrice.mask(129_500)).isEqualTo("1??5 RMB");
        assertThat(MysteryPrice.mask(9_900)).isEqualTo("9? RMB");
        Instant now = clock.instant();
        String mystery = created("/api/coupons/promotions/flash-sales", """
                {"kind":"MYSTERY_PRICE","title":"Guess the phone","skuIds":["%s"],"priceFen":129500,
                 "startsAt":"%s","endsAt":"%s","revealAt":"%s"}""".formatted(UUID.randomUUID(), now.minusSeconds(60),
                now.plusSeconds(7200), now.plusSeconds(3600)));
        String live = Http.send(base(), "GET", "/api/coupons/promotions/flash-sales", null, null).body();
        String shown = live.substring(live.indexOf(mystery));
        assertThat(shown).contains("\"displayPrice\":\"1??5 RMB\"").contains("\"priceFen\":null");

        List<String> skus = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String body = """
                {"kind":"N_FOR_N","title":"2 products for 2 hours","skuIds":["%s","%s"],"percentOff":50,
                 "startsAt":"%s","endsAt":"%s"}""";
        assertThat(post("/api/coupons/promotions/flash-sales", operator,
                body.formatted(skus.get(0), skus.get(1), now, now.plusSeconds(7200))).statusCode()).isEqualTo(201);
        Http.assertProblem(post("/api/coupons/promotions/flash-sales", operator,
                body.formatted(skus.get(0), skus.get(1), now, now.plusSeconds(3 * 3600))), 400);
        Http.assertProblem(post("/api/coupons/promotions/flash-sales", operator, """
                {"kind":"MYSTERY_PRICE","title":"no reveal","skuIds":["%s"],"priceFen":100,"startsAt":"%s","endsAt":"%s"}"""
                .formatted(UUID.randomUUID(), now, FUTURE)), 400);
    }

    private OrderConfirmed confirmed(String shopperId, UUID brand) throws Exception {
        OrderConfirmed order = new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), shopperId, UUID.randomUUID(), brand,
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang", Instant.now(),
                Money.fen(100), Money.fen(0), Money.fen(100), List.of(new OrderConfirmed.Line(UUID.randomUUID(), UUID.randomUUID(),
                brand, 301, "DE", 1, Money.fen(100), Money.fen(0), Money.fen(100))));
        publish(order, UUID.randomUUID());
        return order;
    }

    private void publish(OrderConfirmed order, UUID eventId) throws Exception {
        EventEnvelope<OrderConfirmed> envelope = EventEnvelope.wrap(EventCatalog.ORDER_CONFIRMED, order.orderId().toString(),
                Instant.now(), null, order);
        envelope = new EventEnvelope<>(eventId, envelope.type(), envelope.schemaVersion(), envelope.occurredAt(),
                envelope.aggregateKey(), null, order);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            producer.send(new ProducerRecord<>("orders.events", order.orderId().toString(), codec.encode(envelope))).get();
        }
    }

    private String progress(String booklet, String shopperId) {
        try {
            return Http.send(base(), "GET", "/api/coupons/booklets/" + booklet + "/progress", Tokens.shopper(shopperId), null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> catchAt(String drop, String shopper, double lat, double lon) throws Exception {
        return post("/api/coupons/cat-drops/" + drop + "/catches", shopper, "{\"latitude\":%s,\"longitude\":%s}".formatted(lat, lon));
    }

    private String campaign(String scope, UUID store, int stock, int perShopper) throws Exception {
        return created("/api/coupons/campaigns", """
                {"scope":"%s","storeId":%s,"title":"prize","thresholdFen":0,"discountFen":5000,"stepped":false,
                 "totalStock":%d,"perShopper":%d,"claimFrom":"%s","claimUntil":"%s","redeemFrom":"%s","redeemUntil":"%s"}"""
                .formatted(scope, store == null ? "null" : "\"" + store + "\"", stock, perShopper, PAST, FUTURE, PAST, FUTURE));
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> created = post(path, operator, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

}
