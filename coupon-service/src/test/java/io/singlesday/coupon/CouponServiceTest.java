package io.singlesday.coupon;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.coupons.RedeemCoupons;
import io.singlesday.contracts.coupons.UnlockCoupons;
import io.singlesday.contracts.topics.Topics;
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
import java.nio.charset.StandardCharsets;
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

class CouponServiceTest extends CouponIntegrationTest {


    @Test
    void noCouponIsIssuedBeyondItsStockOrAShoppersLimitHoweverManyClaimAtOnce() throws Exception {
        String campaign = campaign(operator, "PLATFORM", null, 50, 1, PAST, FUTURE);
        List<Callable<Integer>> crowd = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String shopper = Tokens.shopper("crowd-" + i + "-" + UUID.randomUUID());
            crowd.add(() -> claim(campaign, shopper).statusCode());
        }
        String greedy = Tokens.shopper("greedy-" + UUID.randomUUID());
        String limited = campaign(operator, "PLATFORM", null, 1000, 2, PAST, FUTURE);
        for (int i = 0; i < 20; i++) {
            crowd.add(() -> claim(limited, greedy).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<Integer> f : pool.invokeAll(crowd)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnly(201, 409, 410);
        assertThat(statuses.subList(0, 200).stream().filter(s -> s == 201).count()).isEqualTo(50);
        assertThat(statuses.subList(200, 220).stream().filter(s -> s == 201).count()).isEqualTo(2);
        assertThat(count("select count(*) from coupons where campaign_id = ?::uuid", campaign)).isEqualTo(50);
        assertThat(count("select issued from campaigns where id = ?::uuid", campaign)).isEqualTo(50);
        assertThat(count("select count(*) from coupons where campaign_id = ?::uuid", limited)).isEqualTo(2);
    }

    @Test
    void aClaimLandsInTheWalletAndTravelsAsAnEventForCheckoutToPriceWith() throws Exception {
        String campaign = campaign(operator, "PLATFORM", null, 10, 1, PAST, FUTURE);
        String shopperId = "wallet-" + UUID.randomUUID();
        HttpResponse<String> claimed = claim(campaign, Tokens.shopper(shopperId));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
        String code = field(claimed.body(), "code");
        assertThat(Http.send(base(), "GET", "/api/coupons/wallet", Tokens.shopper(shopperId), null).body()).contains(code);
        assertThat(Http.send(base(), "GET", "/api/coupons/wallet", Tokens.shopper("other"), null).body()).doesNotContain(code);

        List<CouponIssued> issued = eventually(() -> TopicRecords.readAll(Topics.COUPONS_WALLET.name(), Duration.ofSeconds(3)).stream()
                .map(r -> codec.decode(r.value()).payload()).filter(p -> p instanceof CouponIssued c && c.code().equals(code))
                .map(CouponIssued.class::cast).toList());
        assertThat(issued).singleElement().satisfies(c -> {
            assertThat(c.shopperId()).isEqualTo(shopperId);
            assertThat(c.discount().minor()).isEqualTo(5_000);
            assertThat(c.stepped()).isTrue();
        });
        Http.assertProblem(claim(campaign, Tokens.shopper(shopperId)), 409);
    }

    @Test
    void brandsRunCouponsForTheirOwnStoreOnlyAndBadCampaignsAreRefused() throws Exception {
        UUID brand = UUID.randomUUID();
        UUID store = UUID.randomUUID();
        publish(EventCatalog.STORE_OPENED, brand.toString(), new StoreOpened(store, brand, "Bergblick", "DE", true, FUTURE));
        String brandToken = Tokens.brand("manager-" + brand, brand.toString());
        eventually(() -> count("select count(*) from stores where store_id = ?::uuid", store.toString()) == 1 ? List.of(1) : List.of());

        // The README's own example token names its brand "acme", which is no catalog brand id: refused, not a 500.
        HttpResponse<String> notABrandId = create(Tokens.brand("acme-admin", "acme"), "STORE", null, 100, 1, PAST, FUTURE);
        assertThat(notABrandId.statusCode()).as(notABrandId.body()).isEqualTo(403);
        assertThat(notABrandId.body()).contains("brand");

        HttpResponse<String> own = create(brandToken, "STORE", null, 100, 1, PAST, FUTURE);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(field(own.body(), "storeId")).isEqualTo(store.toString());
        Http.assertProblem(create(brandToken, "STORE", UUID.randomUUID(), 100, 1, PAST, FUTURE), 403);
        Http.assertProblem(create(brandToken, "PLATFORM", null, 100, 1, PAST, FUTURE), 403);
        Http.assertProblem(create(Tokens.shopper("s"), "PLATFORM", null, 100, 1, PAST, FUTURE), 403);
        Http.assertProblem(create(operator, "PLATFORM", null, -5, 1, PAST, FUTURE), 400);
        Http.assertProblem(create(operator, "PLATFORM", null, 100, 1, FUTURE, PAST), 400);
        Http.assertProblem(create(operator, "STORE", null, 100, 1, PAST, FUTURE), 400);
        String notYet = campaign(operator, "PLATFORM", null, 10, 1, FUTURE, FUTURE.plusSeconds(60));
        Http.assertProblem(claim(notYet, Tokens.shopper("early-" + UUID.randomUUID())), 409);
        Http.assertProblem(claim(UUID.randomUUID().toString(), Tokens.shopper("x")), 404);
    }

    @Test
    void theSagaParticipantLocksAllOrNoneRepeatsItsAnswersAndRefusesALockAfterItsUnlock() throws Exception {
        String campaign = campaign(operator, "PLATFORM", null, 100, 5, PAST, FUTURE);
        String owner = "owner-" + UUID.randomUUID();
        String a = field(claim(campaign, Tokens.shopper(owner)).body(), "code");
        String b = field(claim(campaign, Tokens.shopper(owner)).body(), "code");

        UUID first = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, first, new LockCoupons(first, owner, List.of(a), spend(60_000)));
        send(EventCatalog.LOCK_COUPONS, first, new LockCoupons(first, owner, List.of(a), spend(60_000)));
        UUID second = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, second, new LockCoupons(second, owner, List.of(b, a), spend(60_000)));
        UUID stranger = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, stranger, new LockCoupons(stranger, "someone-else", List.of(b), spend(60_000)));
        UUID unknown = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, unknown, new LockCoupons(unknown, owner, List.of("C-NOPE"), spend(60_000)));

        // 50 off every 300 on a 600 checkout: 100 CNY off, all on its one order.
        assertThat(replies(first, 2)).allSatisfy(r -> assertThat(r).contains("CouponsLocked").contains("\"minor\":10000"));
        assertThat(replies(second, 1)).singleElement().satisfies(r -> assertThat(r).contains("ALREADY_USED"));
        assertThat(state(b)).as("all or none: b was not held for the refused checkout").isEqualTo("ISSUED");
        assertThat(replies(stranger, 1)).singleElement().satisfies(r -> assertThat(r).contains("NOT_OWNER"));
        assertThat(replies(unknown, 1)).singleElement().satisfies(r -> assertThat(r).contains("UNKNOWN_COUPON"));

        send(EventCatalog.REDEEM_COUPONS, first, new RedeemCoupons(first));
        eventually(() -> "REDEEMED".equals(state(a)) ? List.of(1) : List.of());

        String c = field(claim(campaign, Tokens.shopper(owner)).body(), "code");
        UUID small = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, small, new LockCoupons(small, owner, List.of(c), spend(29_999)));
        assertThat(replies(small, 1)).singleElement().satisfies(r -> assertThat(r).contains("THRESHOLD_NOT_REACHED"));
        UUID stacked = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, stacked, new LockCoupons(stacked, owner, List.of(b, c), spend(90_000)));
        assertThat(replies(stacked, 1)).singleElement().satisfies(r -> assertThat(r).contains("NOT_STACKABLE"));
        assertThat(state(c)).isEqualTo("ISSUED");

        UUID timedOut = UUID.randomUUID();
        send(EventCatalog.UNLOCK_COUPONS, timedOut, new UnlockCoupons(timedOut, "PARTICIPANT_TIMEOUT"));
        send(EventCatalog.LOCK_COUPONS, timedOut, new LockCoupons(timedOut, owner, List.of(b), spend(60_000)));
        assertThat(replies(timedOut, 2)).anySatisfy(r -> assertThat(r).contains("CHECKOUT_RELEASED"));
        assertThat(state(b)).isEqualTo("ISSUED");

        UUID cancelled = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, cancelled, new LockCoupons(cancelled, owner, List.of(b), spend(60_000)));
        eventually(() -> "LOCKED".equals(state(b)) ? List.of(1) : List.of());
        send(EventCatalog.UNLOCK_COUPONS, cancelled, new UnlockCoupons(cancelled, "PAYMENT_DECLINED"));
        eventually(() -> "ISSUED".equals(state(b)) ? List.of(1) : List.of());
    }

    @Test
    void operatorsScheduleFlashSalesThatCheckoutLearnsFromEventsAndCanWithdrawThem() throws Exception {
        UUID sku = UUID.randomUUID();
        Instant now = Instant.now();
        String sale = """
                {"title":"11 products for 11 hours","skuIds":["%s"],"provinces":["Zhejiang"],"%s":%d,
                 "startsAt":"%s","endsAt":"%s"}""";
        HttpResponse<String> created = Http.send(base(), "POST", "/api/coupons/promotions/flash-sales", operator,
                sale.formatted(sku, "priceFen", 199_900, PAST, FUTURE));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        assertThat(Http.send(base(), "GET", "/api/coupons/promotions/flash-sales", null, null).body()).contains(id);

        List<String> events = eventually(() -> TopicRecords.valuesFor(Topics.COUPONS_PROMOTIONS.name(), id, Duration.ofSeconds(3)));
        assertThat(events).singleElement().satisfies(e -> assertThat(e).contains("FlashSaleScheduled").contains(sku.toString()));
        assertThat(Http.send(base(), "DELETE", "/api/coupons/promotions/flash-sales/" + id, operator, null).statusCode()).isEqualTo(200);
        assertThat(Http.send(base(), "DELETE", "/api/coupons/promotions/flash-sales/" + id, operator, null).statusCode()).isEqualTo(200);
        assertThat(eventually(() -> {
            List<String> all = TopicRecords.valuesFor(Topics.COUPONS_PROMOTIONS.name(), id, Duration.ofSeconds(3));
            return all.size() >= 2 ? all : List.<String>of();
        })).hasSize(2).last().satisfies(e -> assertThat(e).contains("FlashSaleWithdrawn"));
        assertThat(Http.send(base(), "GET", "/api/coupons/promotions/flash-sales", null, null).body()).doesNotContain(id);

        Http.assertProblem(Http.send(base(), "POST", "/api/coupons/promotions/flash-sales", Tokens.shopper("s"),
                sale.formatted(sku, "priceFen", 100, PAST, FUTURE)), 403);
        Http.assertProblem(Http.send(base(), "POST", "/api/coupons/promotions/flash-sales", operator,
                sale.formatted(sku, "percentOff", 100, PAST, FUTURE)), 400);
        Http.assertProblem(Http.send(base(), "POST", "/api/coupons/promotions/flash-sales", operator,
                sale.formatted(sku, "priceFen", 100, FUTURE, PAST)), 400);
        Http.assertProblem(Http.send(base(), "POST", "/api/coupons/promotions/flash-sales", operator,
                "{\"title\":\"nothing\",\"priceFen\":100,\"startsAt\":\"" + now + "\",\"endsAt\":\"" + FUTURE + "\"}"), 400);
        Http.assertProblem(Http.send(base(), "DELETE", "/api/coupons/promotions/flash-sales/" + UUID.randomUUID(), operator, null), 404);
    }

    @Test
    void aProductCouponTakesItsDiscountFromItsProductBeforeTheStoreCoupon() throws Exception {
        UUID store = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        String owner = "product-" + UUID.randomUUID();
        HttpResponse<String> productCampaign = Http.send(base(), "POST", "/api/coupons/campaigns", operator, """
                {"scope":"PRODUCT","storeId":"%s","productId":"%s","title":"300 off the phone","thresholdFen":0,
                 "discountFen":30000,"stepped":false,"totalStock":10,"perShopper":1,"claimFrom":"%s","claimUntil":"%s",
                 "redeemFrom":"%s","redeemUntil":"%s"}""".formatted(store, product, PAST, FUTURE, PAST, FUTURE));
        assertThat(productCampaign.statusCode()).as(productCampaign.body()).isEqualTo(201);
        String p = field(claim(field(productCampaign.body(), "id"), Tokens.shopper(owner)).body(), "code");
        String s = field(claim(campaign(operator, "STORE", store, 10, 1, PAST, FUTURE), Tokens.shopper(owner)).body(), "code");
        Http.assertProblem(Http.send(base(), "POST", "/api/coupons/campaigns", operator, """
                {"scope":"STORE","storeId":"%s","productId":"%s","title":"x","thresholdFen":0,"discountFen":1,"stepped":false,
                 "totalStock":1,"perShopper":1,"claimFrom":"%s","claimUntil":"%s","redeemFrom":"%s","redeemUntil":"%s"}"""
                .formatted(store, product, PAST, FUTURE, PAST, FUTURE)), 400);

        UUID checkout = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        send(EventCatalog.LOCK_COUPONS, checkout, new LockCoupons(checkout, owner, List.of(p, s), List.of(
                new LockCoupons.OrderAmount(order, store, io.singlesday.contracts.Money.fen(310_000), List.of(
                        new LockCoupons.ProductAmount(product, io.singlesday.contracts.Money.fen(300_000)),
                        new LockCoupons.ProductAmount(UUID.randomUUID(), io.singlesday.contracts.Money.fen(10_000)))))));
        // The product coupon: 300 off the phone. The store coupon (50 off every 300 of what is left, 2,800): 450.
        assertThat(replies(checkout, 1)).singleElement().satisfies(r -> assertThat(r).contains("CouponsLocked")
                .contains("\"minor\":30000").contains("\"minor\":45000"));

        UUID elsewhere = UUID.randomUUID();
        String p2 = field(claim(field(productCampaign.body(), "id"), Tokens.shopper("other-" + owner)).body(), "code");
        send(EventCatalog.LOCK_COUPONS, elsewhere, new LockCoupons(elsewhere, "other-" + owner, List.of(p2), spend(60_000)));
        assertThat(replies(elsewhere, 1)).singleElement().satisfies(r -> assertThat(r).contains("WRONG_PRODUCT"));
    }

    private static List<LockCoupons.OrderAmount> spend(long fen) {
        return List.of(new LockCoupons.OrderAmount(UUID.randomUUID(), UUID.randomUUID(), io.singlesday.contracts.Money.fen(fen),
                List.of()));
    }

    private String state(String code) {
        return sql.sql("select state from coupons where code = ?").param(code).query(String.class).single();
    }

    private <T> void send(EventType<T> type, UUID checkout, T command) throws Exception {
        publish(type, checkout.toString(), command);
    }

    private <T> void publish(EventType<T> type, String key, T payload) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            producer.send(new ProducerRecord<>(type.topic().name(), key,
                    codec.encode(EventEnvelope.wrap(type, key, Instant.now(), null, payload)))).get();
        }
    }

    private static List<String> replies(UUID checkout, int expected) {
        long deadline = System.currentTimeMillis() + 30_000;
        List<String> found = List.of();
        while (System.currentTimeMillis() < deadline && found.size() < expected) {
            found = TopicRecords.valuesFor(Topics.COUPONS_REPLIES.name(), checkout.toString(), Duration.ofSeconds(3));
        }
        return found;
    }

    private static <T> List<T> eventually(Callable<List<T>> probe) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        List<T> found = probe.call();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            found = probe.call();
        }
        return found;
    }

    private int count(String query, String id) {
        return sql.sql(query).param(id).query(Integer.class).single();
    }

    private HttpResponse<String> claim(String campaign, String token) throws Exception {
        return Http.send(base(), "POST", "/api/coupons/campaigns/" + campaign + "/claims", token, null);
    }

    private String campaign(String token, String scope, UUID store, int stock, int perShopper, Instant claimFrom,
                            Instant claimUntil) throws Exception {
        HttpResponse<String> created = create(token, scope, store, stock, perShopper, claimFrom, claimUntil);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    private HttpResponse<String> create(String token, String scope, UUID store, int stock, int perShopper,
                                        Instant claimFrom, Instant claimUntil) throws Exception {
        return Http.send(base(), "POST", "/api/coupons/campaigns", token, """
                {"scope":"%s","storeId":%s,"title":"50 off every 300","thresholdFen":30000,"discountFen":5000,"stepped":true,
                 "totalStock":%d,"perShopper":%d,"claimFrom":"%s","claimUntil":"%s","redeemFrom":"%s","redeemUntil":"%s"}"""
                .formatted(scope, store == null ? "null" : "\"" + store + "\"", stock, perShopper, claimFrom, claimUntil, PAST, FUTURE));
    }
}
