package io.singlesday.order.checkout;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutApiTest extends OrderIntegrationTest {

    private final UUID store = UUID.randomUUID();
    private final UUID brand = UUID.randomUUID();

    @Test
    void theSameKeyAndBodyAnswerTheSameCheckoutHoweverOftenAndHoweverConcurrentlyRetried() throws Exception {
        Sku sku = listSku(store, brand, 9_900);
        String key = UUID.randomUUID().toString();
        String json = body(List.of(Map.entry(sku, 1)), List.of(), null);
        List<Callable<HttpResponse<String>>> retries = Collections.nCopies(16, () -> checkout(key, json, 0));
        Set<String> ids;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
                answers.add(f.get());
            }
            assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isIn(200, 202));
            ids = answers.stream().map(a -> field(a.body(), "id")).collect(Collectors.toSet());
        }
        assertThat(ids).hasSize(1);
        HttpResponse<String> later = checkout(key, json, 20);
        assertThat(field(later.body(), "id")).isEqualTo(ids.iterator().next());
        assertThat(field(later.body(), "state")).isEqualTo("CONFIRMED");
        assertThat(later.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(sql.sql("select count(*) from checkouts where shopper_id = ?").param(shopperId).query(Integer.class).single()).isEqualTo(1);
        assertThat(sql.sql("select count(*) from payment_charges where checkout_id = ?::uuid").param(ids.iterator().next())
                .query(Integer.class).single()).isEqualTo(1);

        HttpResponse<String> otherBody = checkout(key, body(List.of(Map.entry(sku, 2)), List.of(), null), 0);
        Http.assertProblem(otherBody, 422, "idempotency-key-reused");
        assertThat(otherBody.body()).contains("different checkout");
    }

    @Test
    void aWaitLongerThanTheGatewayAllowsIsCutAndTheAnswerSaysWhatWasApplied() throws Exception {
        Sku sku = listSku(store, brand, 9_900);
        HttpResponse<String> placed = call("POST", "/api/orders", shopper, body(List.of(Map.entry(sku, 1)), List.of(), null),
                "Idempotency-Key", UUID.randomUUID().toString(), "Prefer", "wait=60");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        assertThat(placed.headers().firstValue("Preference-Applied")).hasValue("wait=30");
        HttpResponse<String> read = call("GET", placed.headers().firstValue("Location").orElseThrow(), shopper, null,
                "Prefer", "wait=5");
        assertThat(read.headers().firstValue("Preference-Applied")).hasValue("wait=5");
        assertThat(call("GET", placed.headers().firstValue("Location").orElseThrow(), shopper, null)
                .headers().firstValue("Preference-Applied")).isEmpty();
    }

    @Test
    void badInputIsAProblemNamingTheFaultAndLeavesNothingBehind() throws Exception {
        Sku sku = listSku(store, brand, 9_900);
        UUID closedStore = UUID.randomUUID();
        Sku closed = listSku(closedStore, brand, 9_900);
        publish(EventCatalog.STORE_CLOSED, brand.toString(), new StoreClosed(closedStore, brand, "left the platform"));
        await(() -> !sql.sql("select open from catalog_stores where store_id = ?").param(closedStore).query(Boolean.class).single());
        String someoneElses = issueCoupon("shopper-" + UUID.randomUUID(), Scope.PLATFORM, null, 0, 100, false);
        String tooMany = IntStream.range(0, 51).mapToObj(i -> "{\"skuId\":\"" + sku.id() + "\",\"quantity\":1}")
                .collect(Collectors.joining(",", "{\"lines\":[", "],\"channel\":\"APP\",\"address\":{\"recipient\":\"Li\","
                        + "\"street\":\"1 Road\",\"city\":\"Hangzhou\",\"province\":\"Zhejiang\",\"latitude\":30.2,\"longitude\":120.1}}"));
        String ok = body(List.of(Map.entry(sku, 1)), List.of(), null);

        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("zero quantity", new Object[]{body(List.of(Map.entry(sku, 0)), List.of(), null), 400, "quantity"});
        cases.put("negative quantity", new Object[]{body(List.of(Map.entry(sku, -2)), List.of(), null), 400, "quantity"});
        cases.put("fractional quantity", new Object[]{ok.replace("\"quantity\":1", "\"quantity\":1.5"), 400,
                "lines[0].quantity"});
        cases.put("51 lines", new Object[]{tooMany, 400, "at most 50 lines"});
        cases.put("no lines", new Object[]{body(List.of(), List.of(), null), 400, "lines"});
        cases.put("unknown SKU", new Object[]{body(List.of(Map.entry(new Sku(UUID.randomUUID(), null, null, null, 1), 1)),
                List.of(), null), 422, "Unknown SKU"});
        cases.put("closed store", new Object[]{body(List.of(Map.entry(closed, 1)), List.of(), null), 409, "closed"});
        cases.put("coupon that does not exist", new Object[]{body(List.of(Map.entry(sku, 1)), List.of("NO-SUCH"), null), 422, "NO-SUCH"});
        cases.put("someone else's coupon", new Object[]{body(List.of(Map.entry(sku, 1)), List.of(someoneElses), null), 422, someoneElses});
        cases.put("address without a city", new Object[]{ok.replace("\"city\":\"Hangzhou\",", ""), 400, "city"});
        cases.put("latitude off the globe", new Object[]{ok.replace("30.27", "91.5"), 400, "latitude"});
        cases.put("livestream without a stream", new Object[]{body(List.of(Map.entry(sku, 1)), List.of(), "\"channel\":\"LIVESTREAM\""), 400, "livestreamId"});
        cases.put("unknown channel", new Object[]{body(List.of(Map.entry(sku, 1)), List.of(), "\"channel\":\"FAX\""), 400, "channel"});
        cases.put("not JSON", new Object[]{"{\"lines\":[", 400, ""});
        cases.put("NUL in the city", new Object[]{ok.replace("\"city\":\"Hangzhou\"", "\"city\":\"Hang\\u0000zhou\""), 400,
                "address.city"});
        cases.put("NUL in the street", new Object[]{ok.replace("\"street\":\"", "\"street\":\"\\u0000"), 400,
                "address.street"});
        cases.put("a null line", new Object[]{ok.replace("\"lines\":[", "\"lines\":[null,"), 400, "lines[0]"});

        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            HttpResponse<String> answer = checkout(UUID.randomUUID().toString(), (String) c.getValue()[0], 0);
            Http.assertProblem(answer, (Integer) c.getValue()[1]);
            assertThat(answer.body()).as(c.getKey()).contains((String) c.getValue()[2])
                    .doesNotContain("tools.jackson", "java.lang", "Exception", "START_ARRAY");
        }
        HttpResponse<String> noKey = call("POST", "/api/orders", shopper, ok);
        Http.assertProblem(noKey, 400);
        assertThat(noKey.body()).contains("Idempotency-Key");
        Http.assertProblem(call("POST", "/api/orders", operator, ok, "Idempotency-Key", "k-1"), 403);

        assertThat(sql.sql("select count(*) from checkouts where shopper_id = ?").param(shopperId).query(Integer.class).single()).isZero();
    }

    @Test
    void theConfirmedTotalsCountAConfirmedOrderToTheFenAndAreForOperatorsOnly() throws Exception {
        HttpResponse<String> before = call("GET", "/api/orders/totals", operator, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        Sku sku = listSku(store, brand, 12_345);
        HttpResponse<String> placed = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 2)), List.of(), null), 20);
        assertThat(field(placed.body(), "state")).isEqualTo("CONFIRMED");
        HttpResponse<String> after = call("GET", "/api/orders/totals", operator, null);
        assertThat(Long.parseLong(field(after.body(), "orders")) - Long.parseLong(field(before.body(), "orders"))).isEqualTo(1);
        assertThat(Long.parseLong(field(after.body(), "units")) - Long.parseLong(field(before.body(), "units"))).isEqualTo(2);
        assertThat(Long.parseLong(field(after.body(), "paidFen")) - Long.parseLong(field(before.body(), "paidFen")))
                .isEqualTo(24_690);
        Http.assertProblem(call("GET", "/api/orders/totals", shopper, null), 403);
    }

    @Test
    void ordersAreVisibleToTheirShopperAndOperatorsOnlyWithLinesAndTimeline() throws Exception {
        Sku sku = listSku(store, brand, 9_900);
        HttpResponse<String> placed = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 3)), List.of(), null), 20);
        assertThat(field(placed.body(), "state")).isEqualTo("CONFIRMED");
        String orderId = field(placed.body().substring(placed.body().indexOf("\"orders\"")), "id");

        HttpResponse<String> mine = call("GET", "/api/orders/" + orderId, shopper, null);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(mine.body()).contains("\"paidFen\":29700").contains("\"state\":\"PLACED\"").contains("\"state\":\"RESERVED\"")
                .contains("\"state\":\"CONFIRMED\"");
        assertThat(mine.body().indexOf("\"PLACED\"")).isLessThan(mine.body().indexOf("\"CONFIRMED\"", mine.body().indexOf("timeline")));
        assertThat(call("GET", "/api/orders/" + orderId, operator, null).statusCode()).isEqualTo(200);
        Http.assertProblem(call("GET", "/api/orders/" + orderId, Tokens.shopper("someone-else"), null), 404);
        Http.assertProblem(call("GET", "/api/orders/" + UUID.randomUUID(), shopper, null), 404);
        Http.assertProblem(call("GET", "/api/orders/checkouts/" + field(placed.body(), "id"), Tokens.shopper("someone-else"), null), 404);

        checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(sku, 1)), List.of(), null), 20);
        HttpResponse<String> page = call("GET", "/api/orders?page=0&size=1", shopper, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().split("\"checkoutId\"")).hasSize(2);
        assertThat(call("GET", "/api/orders?size=2", shopper, null).body().split("\"checkoutId\"")).hasSize(3);
        Http.assertProblem(call("GET", "/api/orders?size=1000", shopper, null), 400);

        // Keyset paging, the platform's one style: following each page's Link header (its next as after) walks the
        // shopper's orders one at a time in the order of the whole list, and the last page has neither.
        List<String> all = orderIds(call("GET", "/api/orders?limit=100", shopper, null).body());
        assertThat(all).hasSizeGreaterThanOrEqualTo(2);
        List<String> walked = new java.util.ArrayList<>();
        String path = "/api/orders?limit=1";
        while (path != null) {
            HttpResponse<String> onePage = call("GET", path, shopper, null);
            walked.addAll(orderIds(onePage.body()));
            String link = onePage.headers().firstValue("Link").orElse(null);
            if (link == null) {
                assertThat(onePage.body()).contains("\"next\":null");
                path = null;
            } else {
                assertThat(link).isEqualTo("</api/orders?limit=1&after=" + Http.field(onePage.body(), "next") + ">; rel=\"next\"");
                path = link.substring(1, link.indexOf('>'));
            }
            assertThat(walked.size()).isLessThanOrEqualTo(all.size());
        }
        assertThat(walked).isEqualTo(all);
        assertThat(orderIds(call("GET", "/api/orders?after=" + all.get(0), Tokens.shopper("someone-else"), null).body())).isEmpty();
    }

    private static List<String> orderIds(String page) {
        return java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"checkoutId\"").matcher(page).results()
                .map(m -> m.group(1)).toList();
    }

    @Test
    void theCartKeepsItemsPerStoreAndRefusesWhatTheCatalogDoesNotSell() throws Exception {
        Sku a = listSku(store, brand, 9_900);
        Sku b = listSku(UUID.randomUUID(), brand, 100);
        assertThat(call("PUT", "/api/orders/cart/items/" + a.id(), shopper, "{\"quantity\":2}").statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/orders/cart/items/" + a.id(), shopper, "{\"quantity\":3}").statusCode()).isEqualTo(200);
        HttpResponse<String> cart = call("PUT", "/api/orders/cart/items/" + b.id(), shopper, "{\"quantity\":1}");
        assertThat(cart.body()).contains("\"totalFen\":29800").contains("\"quantity\":3");
        assertThat(cart.body().split("\"storeId\"")).hasSize(3);
        Http.assertProblem(call("PUT", "/api/orders/cart/items/" + UUID.randomUUID(), shopper, "{\"quantity\":1}"), 422);
        Http.assertProblem(call("PUT", "/api/orders/cart/items/" + a.id(), shopper, "{\"quantity\":0}"), 400);
        assertThat(call("DELETE", "/api/orders/cart/items/" + b.id(), shopper, null).body()).contains("\"totalFen\":29700");
        call("PUT", "/api/orders/cart/items/" + b.id(), shopper, "{\"quantity\":1}");
        HttpResponse<String> bought = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(a, 1)), List.of(), null), 20);
        assertThat(field(bought.body(), "state")).isEqualTo("CONFIRMED");
        assertThat(call("GET", "/api/orders/cart", shopper, null).body()).as("what was bought leaves the cart")
                .contains("\"totalFen\":100").doesNotContain(a.id().toString());
        assertThat(call("GET", "/api/orders/cart", Tokens.shopper("other-" + UUID.randomUUID()), null).body()).contains("\"totalFen\":0");
    }
}
