package io.singlesday.order.saga;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.order.ScriptedParticipants.Script;
import io.singlesday.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the checkout saga, with the participants scripted on the real broker. */
class CheckoutSagaTest extends OrderIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final UUID brandA = UUID.randomUUID();
    private final UUID brandB = UUID.randomUUID();
    private final UUID storeA = UUID.randomUUID();
    private final UUID storeB = UUID.randomUUID();

    @Test
    void happyPathSplitsByStoreConfirmsEveryOrderAndCommitsStockAndCoupons() throws Exception {
        Sku cream = listSku(storeA, brandA, 19_900);
        Sku serum = listSku(storeA, brandA, 30_000);
        Sku shoes = listSku(storeB, brandB, 45_000);
        String storeCoupon = issueCoupon(shopperId, Scope.STORE, storeA, 30_000, 5_000, false);
        String voucher = issueCoupon(shopperId, Scope.PLATFORM, null, 30_000, 5_000, true);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(),
                body(List.of(Map.entry(cream, 2), Map.entry(serum, 1), Map.entry(shoes, 1)), List.of(storeCoupon, voucher),
                        "\"channel\":\"APP\",\"deviceId\":\"phone-7f3a\",\"paymentAccount\":\"alipay:li.wei@example.com\""), 20);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(field(answer.body(), "state")).isEqualTo("CONFIRMED");
        UUID checkoutId = UUID.fromString(field(answer.body(), "id"));
        assertThat(answer.headers().firstValue("Location")).hasValue("/api/orders/checkouts/" + checkoutId);
        // 2 x 199 + 300 + 450 = 1,148 CNY; store coupon 50 off store A; voucher 50 off every 300 of the remaining 1,098 = 150.
        assertThat(Long.parseLong(field(answer.body(), "payableFen"))).isEqualTo(114_800 - 5_000 - 15_000);

        List<UUID> orders = sql.sql("select id from orders where checkout_id = ? order by id").param(checkoutId).query(UUID.class).list();
        assertThat(orders).hasSize(2);
        for (UUID order : orders) {
            await(() -> participants().received(EventCatalog.COMMIT_STOCK, order).size() == 1);
            assertThat(participants().received(EventCatalog.RELEASE_STOCK, order)).isEmpty();
        }
        assertThat(participants().received(EventCatalog.LOCK_COUPONS, checkoutId)).hasSize(1);
        await(() -> participants().received(EventCatalog.REDEEM_COUPONS, checkoutId).size() == 1);

        List<OrderConfirmed> confirmed = orderEvents(checkoutId, OrderConfirmed.class, 2);
        assertThat(confirmed).hasSize(2);
        assertThat(confirmed.stream().mapToLong(o -> o.paidTotal().minor()).sum()).isEqualTo(94_800);
        OrderConfirmed storeAOrder = confirmed.stream().filter(o -> o.storeId().equals(storeA)).findFirst().orElseThrow();
        assertThat(storeAOrder.lines()).hasSize(2).allSatisfy(line -> assertThat(line.paid().minor())
                .isEqualTo(line.list().minor() - line.discount().minor()));
        assertThat(storeAOrder.channel()).isEqualTo(OrderConfirmed.Channel.APP);
        assertThat(storeAOrder.device()).isEqualTo(OrderConfirmed.Device.MOBILE);
        assertThat(storeAOrder.city()).isEqualTo("Hangzhou");
        assertThat(storeAOrder.lines().getFirst().originCountry()).isEqualTo("DE");
        // The risk check's keys travel as fingerprints: the same for every order of the checkout, never the identifiers.
        assertThat(confirmed).extracting(OrderConfirmed::buyer).containsOnly(storeAOrder.buyer());
        assertThat(storeAOrder.buyer().deviceFingerprint()).matches("[0-9a-f]{16}");
        assertThat(storeAOrder.buyer().paymentFingerprint()).matches("[0-9a-f]{16}")
                .isNotEqualTo(storeAOrder.buyer().deviceFingerprint());
        assertThat(sql.sql("select count(*) from checkouts where device_fingerprint like '%phone%' or payment_fingerprint like '%alipay%'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void refusedStockCancelsTheCheckoutAndCompensatesEveryStep() throws Exception {
        Sku ok = listSku(storeA, brandA, 10_000);
        Sku soldOut = listSku(storeB, brandB, 10_000);
        participants().script(soldOut.id(), Script.REFUSE);
        String coupon = issueCoupon(shopperId, Scope.STORE, storeA, 5_000, 1_000, false);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(),
                body(List.of(Map.entry(ok, 1), Map.entry(soldOut, 1)), List.of(coupon), null), 20);

        assertCancelled(answer, "STOCK_REJECTED");
        UUID checkoutId = UUID.fromString(field(answer.body(), "id"));
        assertThat(field(answer.body(), "cancelDetail")).contains(soldOut.id().toString());
        assertEveryHoldGivenBack(checkoutId, true);
    }

    @Test
    void refusedCouponCancelsTheCheckoutAndReleasesStock() throws Exception {
        Sku sku = listSku(storeA, brandA, 10_000);
        String used = issueCoupon(shopperId, Scope.PLATFORM, null, 5_000, 1_000, false);
        participants().script(used, Script.REFUSE);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 1)), List.of(used), null), 20);

        assertCancelled(answer, "COUPON_REJECTED");
        assertEveryHoldGivenBack(UUID.fromString(field(answer.body(), "id")), true);
    }

    @Test
    void aCouponServiceThatPricesDifferentlyCancelsTheCheckout() throws Exception {
        Sku sku = listSku(storeA, brandA, 10_000);
        String coupon = issueCoupon(shopperId, Scope.STORE, storeA, 5_000, 1_000, false);
        participants().script(coupon, Script.MISPRICE);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 1)), List.of(coupon), null), 20);

        assertCancelled(answer, "COUPON_REJECTED");
        assertThat(answer.body()).contains("differ from the checkout");
        assertEveryHoldGivenBack(UUID.fromString(field(answer.body(), "id")), true);
    }

    @Test
    void declinedPaymentCancelsAndCompensates() throws Exception {
        Sku sku = listSku(storeA, brandA, 12_366); // ends in .66 CNY: the simulated provider declines it

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 1)), List.of(), null), 20);

        assertCancelled(answer, "PAYMENT_DECLINED");
        UUID checkoutId = UUID.fromString(field(answer.body(), "id"));
        assertEveryHoldGivenBack(checkoutId, false);
        assertThat(sql.sql("select approved from payment_charges where checkout_id = ?").param(checkoutId)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aParticipantThatNeverAnswersTimesOutAndALateAnswerChangesNothing() throws Exception {
        Sku silent = listSku(storeA, brandA, 10_000);
        participants().script(silent.id(), Script.SILENT);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(silent, 1)), List.of(), null), 1);
        assertThat(answer.statusCode()).as("still waiting for the catalog").isEqualTo(202);
        UUID checkoutId = UUID.fromString(field(answer.body(), "id"));
        HttpResponse<String> outcome = call("GET", "/api/orders/checkouts/" + checkoutId, shopper, null, "Prefer", "wait=20");
        assertCancelled(outcome, "PARTICIPANT_TIMEOUT");
        assertThat(field(outcome.body(), "cancelDetail")).contains("catalog");
        UUID orderId = assertEveryHoldGivenBack(checkoutId, false).getFirst();

        participants().send(EventEnvelope.wrap(EventCatalog.STOCK_RESERVED, orderId.toString(), Instant.now(), null,
                new StockReserved(orderId, List.of(new StockLine(silent.id(), 1)))));
        Thread.sleep(1500); // the late reply has been consumed by then (replies take milliseconds here)
        assertThat(sql.sql("select state from orders where id = ?").param(orderId).query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(sql.sql("select count(*) from payment_charges where checkout_id = ?").param(checkoutId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void duplicatedRepliesConfirmOnceAndPayOnce() throws Exception {
        Sku sku = listSku(storeA, brandA, 10_000);
        participants().script(sku.id(), Script.ANSWER_TWICE);
        String coupon = issueCoupon(shopperId, Scope.PLATFORM, null, 5_000, 1_000, false);
        participants().script(coupon, Script.ANSWER_TWICE);

        HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 1)), List.of(coupon), null), 20);

        assertThat(field(answer.body(), "state")).isEqualTo("CONFIRMED");
        UUID checkoutId = UUID.fromString(field(answer.body(), "id"));
        Thread.sleep(1500); // let every duplicate arrive
        assertThat(orderEvents(checkoutId, OrderConfirmed.class, 1)).hasSize(1);
        UUID orderId = sql.sql("select id from orders where checkout_id = ?").param(checkoutId).query(UUID.class).single();
        await(() -> !participants().received(EventCatalog.COMMIT_STOCK, orderId).isEmpty());
        assertThat(participants().received(EventCatalog.COMMIT_STOCK, orderId)).hasSize(1);
        assertThat(sql.sql("select count(*) from order_timeline where order_id = ? and state = 'RESERVED'").param(orderId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aShopperCancelsBeforePaymentButNotAfter() throws Exception {
        Sku silent = listSku(storeA, brandA, 10_000);
        participants().script(silent.id(), Script.SILENT);
        HttpResponse<String> waiting = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(silent, 1)), List.of(), null), 0);
        assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(202);
        String id = field(waiting.body(), "id");

        HttpResponse<String> cancelled = call("POST", "/api/orders/checkouts/" + id + "/cancel", shopper, null);
        assertCancelled(cancelled, "SHOPPER_CANCELLED");
        assertThat(call("POST", "/api/orders/checkouts/" + id + "/cancel", shopper, null).statusCode()).isEqualTo(200);
        assertEveryHoldGivenBack(UUID.fromString(id), false);

        Sku fine = listSku(storeA, brandA, 10_000);
        HttpResponse<String> paid = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(fine, 1)), List.of(), null), 20);
        assertThat(field(paid.body(), "state")).isEqualTo("CONFIRMED");
        HttpResponse<String> tooLate = call("POST", "/api/orders/checkouts/" + field(paid.body(), "id") + "/cancel", shopper, null);
        assertThat(tooLate.statusCode()).as(tooLate.body()).isEqualTo(409);
    }

    @Test
    void theSweeperCancelsCheckoutsOpenLongPastTheirDeadlineAndCountsThem() throws Exception {
        Sku silent = listSku(storeA, brandA, 10_000);
        participants().script(silent.id(), Script.SILENT);
        double before = meters.counter("festival.orders.stuck.cancelled").count();
        HttpResponse<String> waiting = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(silent, 1)), List.of(), null), 0);
        UUID checkoutId = UUID.fromString(field(waiting.body(), "id"));
        // As if its deadline had passed an hour ago while nobody answered.
        sql.sql("update checkouts set deadline = deadline - interval '1 hour' where id = ?").param(checkoutId).update();

        HttpResponse<String> outcome = call("GET", "/api/orders/checkouts/" + checkoutId, shopper, null, "Prefer", "wait=20");
        assertCancelled(outcome, "STUCK");
        assertEveryHoldGivenBack(checkoutId, false);
        assertThat(meters.counter("festival.orders.stuck.cancelled").count()).isEqualTo(before + 1);
    }

    private static void assertCancelled(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(field(answer.body(), "state")).isEqualTo("CANCELLED");
        assertThat(field(answer.body(), "cancelReason")).isEqualTo(reason);
    }

    /** Every order cancelled, its stock released and announced, the coupons unlocked if any were asked for. */
    private List<UUID> assertEveryHoldGivenBack(UUID checkoutId, boolean coupons) {
        List<UUID> orders = sql.sql("select id from orders where checkout_id = ?").param(checkoutId).query(UUID.class).list();
        for (UUID order : orders) {
            await(() -> participants().received(EventCatalog.RELEASE_STOCK, order).size() == 1);
            assertThat(participants().received(EventCatalog.COMMIT_STOCK, order)).isEmpty();
            assertThat(sql.sql("select state from orders where id = ?").param(order).query(String.class).single()).isEqualTo("CANCELLED");
        }
        if (coupons) {
            await(() -> participants().received(EventCatalog.UNLOCK_COUPONS, checkoutId).size() == 1);
        }
        assertThat(orderEvents(checkoutId, OrderCancelled.class, orders.size())).hasSize(orders.size());
        assertThat(orderEvents(checkoutId, OrderConfirmed.class, 0)).isEmpty();
        return orders;
    }

    private <T> List<T> orderEvents(UUID checkoutId, Class<T> type, int expected) {
        long deadline = System.currentTimeMillis() + 20_000;
        List<T> found;
        do {
            found = TopicRecords.readAll(Topics.ORDERS_EVENTS.name(), Duration.ofSeconds(5)).stream()
                    .map(r -> codec.decode(r.value()).payload())
                    .filter(type::isInstance).map(type::cast)
                    .filter(e -> checkoutId.equals(checkoutOf(e)))
                    .toList();
        } while (found.size() < expected && System.currentTimeMillis() < deadline);
        return found;
    }

    private static UUID checkoutOf(Object event) {
        return switch (event) {
            case OrderConfirmed c -> c.checkoutId();
            case OrderCancelled c -> c.checkoutId();
            default -> null;
        };
    }
}
