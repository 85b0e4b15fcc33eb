package io.singlesday.order.checkout;

import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rush on one SKU past its limit is refused with 429 before anything is written, while a checkout of another
 * SKU in the same second is placed; operators read and change the limit; a refused key places its checkout later.
 */
class HotSkuCheckoutTest extends OrderIntegrationTest {

    private String configured;

    @AfterEach
    void restore() throws Exception {
        if (configured != null) {
            call("PUT", "/api/orders/hot-sku-limit", operator, "{\"checkoutsPerSecond\":" + configured + "}");
        }
    }

    @Test
    void aRushOnOneSkuIsShedWhileAnotherSkuIsPlaced() throws Exception {
        HttpResponse<String> before = call("GET", "/api/orders/hot-sku-limit", operator, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        configured = field(before.body(), "checkoutsPerSecond");
        for (String bad : List.of("{\"checkoutsPerSecond\":0}", "{}", "{\"checkoutsPerSecond\":1.5}",
                "{\"checkoutsPerSecond\":\"lots\"}", "{\"checkoutsPerSecond\":2000000}")) {
            HttpResponse<String> refused = call("PUT", "/api/orders/hot-sku-limit", operator, bad);
            Http.assertProblem(refused, 400);
            assertThat(refused.body()).as(bad).contains("checkoutsPerSecond");
        }
        assertThat(field(call("GET", "/api/orders/hot-sku-limit", operator, null).body(), "checkoutsPerSecond"))
                .as("a refused change changes nothing").isEqualTo(configured);
        assertThat(call("PUT", "/api/orders/hot-sku-limit", shopper, "{\"checkoutsPerSecond\":1000}").statusCode()).isEqualTo(403);
        HttpResponse<String> set = call("PUT", "/api/orders/hot-sku-limit", operator, "{\"checkoutsPerSecond\":2}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(field(set.body(), "checkoutsPerSecond")).isEqualTo("2");

        Sku hot = listSku(UUID.randomUUID(), UUID.randomUUID(), 9_900);
        Sku other = listSku(UUID.randomUUID(), UUID.randomUUID(), 5_500);
        String hotJson = body(List.of(Map.entry(hot, 1)), List.of(), null);
        List<String> keys = new ArrayList<>();
        List<Future<HttpResponse<String>>> rush = new ArrayList<>();
        try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                String key = UUID.randomUUID().toString();
                keys.add(key);
                rush.add(shoppers.submit(() -> checkout(key, hotJson, 0)));
            }
            HttpResponse<String> otherSku = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(other, 1)), List.of(), null), 0);
            assertThat(otherSku.statusCode()).as(otherSku.body()).isIn(200, 202);
        }

        List<String> shedKeys = new ArrayList<>();
        int placed = 0;
        for (int i = 0; i < rush.size(); i++) {
            HttpResponse<String> answer = rush.get(i).get();
            if (answer.statusCode() == 429) {
                Http.assertProblem(answer, 429);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(answer.body()).contains(hot.id().toString());
                shedKeys.add(keys.get(i));
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
                placed++;
            }
        }
        // Ten within about a second against two a second: most are shed, and a shed checkout left nothing behind.
        assertThat(shedKeys).hasSizeGreaterThanOrEqualTo(4);
        assertThat(placed).isGreaterThanOrEqualTo(1);
        assertThat(sql.sql("select count(*) from checkouts where idempotency_key = any(?)")
                .param(shedKeys.toArray(String[]::new)).query(Integer.class).single()).isZero();
        HttpResponse<String> counted = call("GET", "/api/orders/hot-sku-limit", operator, null);
        assertThat(Long.parseLong(field(counted.body(), "refusedSinceStart"))).isGreaterThanOrEqualTo(shedKeys.size());

        Thread.sleep(1_100);
        HttpResponse<String> later = checkout(shedKeys.getFirst(), hotJson, 20);
        assertThat(field(later.body(), "state")).as(later.body()).isEqualTo("CONFIRMED");
    }
}
