package io.singlesday.order.refund;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.discounts.LineRefund;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.TopicRecords;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Returns on the real engines: exact to the fen, once per key, never more units than bought, owner only. */
class RefundApiTest extends OrderIntegrationTest {

    private final UUID store = UUID.randomUUID();
    private final UUID brand = UUID.randomUUID();

    private record PaidLine(int lineNo, int quantity, long paidFen) {
    }

    /** A confirmed order of three lines (3, 2 and 1 units) with a store coupon and a stepped platform voucher. */
    private UUID confirmedOrderWithApportionedDiscounts() throws Exception {
        Sku cream = listSku(store, brand, 19_900);
        Sku serum = listSku(store, brand, 33_333);
        Sku mask = listSku(store, brand, 7_777);
        String storeCoupon = issueCoupon(shopperId, Scope.STORE, store, 50_000, 3_001, false);
        String voucher = issueCoupon(shopperId, Scope.PLATFORM, null, 30_000, 1_999, true);
        HttpResponse<String> placed = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(cream, 3),
                Map.entry(serum, 2), Map.entry(mask, 1)), List.of(storeCoupon, voucher), null), 20);
        assertThat(field(placed.body(), "state")).as(placed.body()).isEqualTo("CONFIRMED");
        return sql.sql("select id from orders where checkout_id = ?::uuid").param(field(placed.body(), "id")).query(UUID.class).single();
    }

    private List<PaidLine> lines(UUID order) {
        return sql.sql("select line_no, quantity, paid_fen from order_lines where order_id = ? order by line_no").param(order)
                .query((rs, n) -> new PaidLine(rs.getInt(1), rs.getInt(2), rs.getLong(3))).list();
    }

    private HttpResponse<String> refund(UUID order, String key, String json) throws Exception {
        return call("POST", "/api/orders/" + order + "/refunds", shopper, json, "Idempotency-Key", key);
    }

    private static String returning(int lineNo, int quantity) {
        return "{\"lines\":[{\"lineNo\":" + lineNo + ",\"quantity\":" + quantity + "}]}";
    }

    private long refunded(UUID order) {
        return sql.sql("select refunded_fen from orders where id = ?").param(order).query(Long.class).single();
    }

    @Test
    void returningEveryUnitInStepsGivesBackExactlyWhatWasPaidAndTellsTheOthers() throws Exception {
        UUID order = confirmedOrderWithApportionedDiscounts();
        List<PaidLine> lines = lines(order);
        long paid = sql.sql("select paid_fen from orders where id = ?").param(order).query(Long.class).single();
        assertThat(lines.stream().mapToLong(PaidLine::paidFen).sum()).isEqualTo(paid);
        assertThat(lines.getFirst().paidFen() % 3).as("the first line's paid amount leaves odd fen over its units").isNotZero();

        List<Long> amounts = new ArrayList<>();
        for (int unit = 0; unit < 3; unit++) {
            HttpResponse<String> one = refund(order, UUID.randomUUID().toString(), returning(1, 1));
            assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
            long amount = Long.parseLong(field(one.body(), "amountFen"));
            assertThat(amount).isEqualTo(LineRefund.amountFen(lines.getFirst().paidFen(), 3, unit, 1));
            amounts.add(amount);
        }
        assertThat(amounts.stream().mapToLong(Long::longValue).sum()).isEqualTo(lines.getFirst().paidFen());
        assertThat(field(call("GET", "/api/orders/" + order, shopper, null).body(), "state")).isEqualTo("CONFIRMED");

        HttpResponse<String> rest = refund(order, UUID.randomUUID().toString(), "{\"reason\":\"too many\"}");
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
        assertThat(Long.parseLong(field(rest.body(), "amountFen"))).isEqualTo(lines.get(1).paidFen() + lines.get(2).paidFen());
        assertThat(refunded(order)).isEqualTo(paid);
        HttpResponse<String> detail = call("GET", "/api/orders/" + order, shopper, null);
        assertThat(field(detail.body(), "state")).isEqualTo("REFUNDED");
        assertThat(detail.body()).contains("PARTLY_REFUNDED");
        HttpResponse<String> history = call("GET", "/api/orders/" + order + "/refunds", shopper, null);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body().split("\"amountFen\"", -1)).hasSize(1 + 4 + 5); // four refunds, five refunded lines

        Map<UUID, OrderRefunded> events = new LinkedHashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (events.size() < 4 && System.currentTimeMillis() < deadline) {
            TopicRecords.readAll(Topics.ORDERS_EVENTS.name(), Duration.ofSeconds(5)).stream()
                    .filter(r -> order.toString().equals(r.key()))
                    .filter(r -> EventCatalog.ORDER_REFUNDED.key().equals(EventTypeHeader.of(r)))
                    .map(r -> (OrderRefunded) codec.decode(r.value()).payload())
                    .forEach(e -> events.put(e.refundId(), e));
        }
        assertThat(events.values()).hasSize(4);
        assertThat(events.values().stream().mapToLong(e -> e.amount().minor()).sum()).isEqualTo(paid);
        assertThat(events.values()).filteredOn(OrderRefunded::orderFullyRefunded).hasSize(1);
        assertThat(events.values()).allSatisfy(e -> assertThat(e.lines().stream().mapToLong(l -> l.amount().minor()).sum())
                .isEqualTo(e.amount().minor()));

        HttpResponse<String> again = refund(order, UUID.randomUUID().toString(), null);
        Http.assertProblem(again, 409);
        assertThat(again.body()).contains("already refunded");
    }

    @Test
    void theSameKeyRefundsOnceHoweverOftenAndConcurrentlyRetried() throws Exception {
        UUID order = confirmedOrderWithApportionedDiscounts();
        String key = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> retries = Collections.nCopies(12, () -> refund(order, key, returning(2, 1)));
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
                answers.add(f.get());
            }
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 201));
        assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.statusCode() == 200)
                .allSatisfy(a -> assertThat(a.headers().firstValue("Idempotency-Replayed")).hasValue("true"));
        assertThat(answers.stream().map(a -> field(a.body(), "id")).distinct()).hasSize(1);
        assertThat(sql.sql("select count(*) from order_refunds where order_id = ?").param(order).query(Integer.class).single()).isEqualTo(1);
        assertThat(refunded(order)).isEqualTo(LineRefund.amountFen(lines(order).get(1).paidFen(), 2, 0, 1));

        Http.assertProblem(refund(order, key, returning(2, 2)), 422, "idempotency-key-reused");
    }

    @Test
    void concurrentReturnsOfOneLineNeverGiveBackMoreUnitsThanWereBought() throws Exception {
        UUID order = confirmedOrderWithApportionedDiscounts();
        List<Callable<HttpResponse<String>>> rush = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rush.add(() -> refund(order, UUID.randomUUID().toString(), returning(1, 1)));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<HttpResponse<String>> f : pool.invokeAll(rush)) {
                answers.add(f.get());
            }
        }
        assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(3);
        assertThat(answers).filteredOn(a -> a.statusCode() != 201)
                .allSatisfy(a -> Http.assertProblem(a, 422)).allSatisfy(a -> assertThat(a.body()).contains("lines[0].quantity"));
        assertThat(refunded(order)).isEqualTo(lines(order).getFirst().paidFen());
    }

    @Test
    void badRefundsAreProblemsNamingTheFaultAndChangeNothing() throws Exception {
        UUID order = confirmedOrderWithApportionedDiscounts();
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("more units than the line has", new Object[]{returning(1, 4), 422, "lines[0].quantity"});
        cases.put("a line that does not exist", new Object[]{returning(9, 1), 422, "lines[0].lineNo"});
        cases.put("the same line twice", new Object[]{"{\"lines\":[{\"lineNo\":1,\"quantity\":1},{\"lineNo\":1,\"quantity\":1}]}",
                422, "lines[1].lineNo"});
        cases.put("no units", new Object[]{returning(1, 0), 400, "lines[0].quantity"});
        cases.put("negative units", new Object[]{returning(1, -1), 400, "lines[0].quantity"});
        cases.put("a line without a number", new Object[]{"{\"lines\":[{\"quantity\":1}]}", 400, "lines[0].lineNo"});
        cases.put("a fractional unit", new Object[]{"{\"lines\":[{\"lineNo\":1,\"quantity\":0.5}]}", 400, "quantity"});
        cases.put("not JSON", new Object[]{"{\"lines\":", 400, ""});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            HttpResponse<String> answer = refund(order, UUID.randomUUID().toString(), (String) c.getValue()[0]);
            Http.assertProblem(answer, (Integer) c.getValue()[1]);
            assertThat(answer.body()).as(c.getKey()).contains((String) c.getValue()[2])
                    .doesNotContain("tools.jackson", "java.lang", "Exception");
        }
        HttpResponse<String> noKey = call("POST", "/api/orders/" + order + "/refunds", shopper, returning(1, 1));
        Http.assertProblem(noKey, 400, "idempotency-key-required");
        HttpResponse<String> stranger = call("POST", "/api/orders/" + order + "/refunds",
                Tokens.shopper("someone-" + UUID.randomUUID()), returning(1, 1), "Idempotency-Key", "k-1");
        Http.assertProblem(stranger, 404);
        Http.assertProblem(call("GET", "/api/orders/" + order + "/refunds", Tokens.shopper("someone-" + UUID.randomUUID()), null), 404);
        Http.assertProblem(refund(UUID.randomUUID(), "k-2", returning(1, 1)), 404);
        Http.assertProblem(call("POST", "/api/orders/" + order + "/refunds", operator, returning(1, 1), "Idempotency-Key", "k-3"), 403);
        assertThat(refunded(order)).isZero();

        sql.sql("update orders set confirmed_at = confirmed_at - interval '8 days' where id = ?").param(order).update();
        HttpResponse<String> late = refund(order, UUID.randomUUID().toString(), returning(1, 1));
        Http.assertProblem(late, 422);
        assertThat(late.body()).contains("return window");

        assertThat(refunded(order)).isZero();
        assertThat(sql.sql("select count(*) from order_refunds where order_id = ?").param(order).query(Integer.class).single()).isZero();
        assertThat(sql.sql("select sum(refunded_quantity) from order_lines where order_id = ?").param(order).query(Integer.class).single()).isZero();
    }
}
