package io.singlesday.order.reminder;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.ReminderTriggered;
import io.singlesday.contracts.promotions.FlashSaleScheduled;
import io.singlesday.contracts.promotions.FlashSaleWithdrawn;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.order.OrderIntegrationTest;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlashSaleAndReminderTest extends OrderIntegrationTest {

    @Autowired
    FestivalClock clock;

    private final UUID store = UUID.randomUUID();
    private final UUID brand = UUID.randomUUID();

    @Test
    void aLiveFlashSaleSetsThePriceOfTheDayForItsRegionUntilItIsWithdrawn() throws Exception {
        Sku phone = listSku(store, brand, 250_000);
        Sku other = listSku(store, brand, 10_000);
        Instant now = clock.instant();
        UUID fixed = sale(List.of(phone.id()), List.of(), null, 199_900, null, now.minusSeconds(60), now.plusSeconds(3600));
        sale(List.of(), List.of(), List.of(brand), 0, 10, now.minusSeconds(60), now.plusSeconds(3600));
        sale(List.of(other.id()), List.of("Guangdong"), null, 100, null, now.minusSeconds(60), now.plusSeconds(3600));
        sale(List.of(other.id()), List.of(), null, 200, null, now.plusSeconds(3600), now.plusSeconds(7200));

        HttpResponse<String> bought = checkout(UUID.randomUUID().toString(),
                body(List.of(Map.entry(phone, 1), Map.entry(other, 2)), List.of(), null), 20);
        assertThat(field(bought.body(), "state")).as(bought.body()).isEqualTo("CONFIRMED");
        // Phone: the fixed 1,999 beats 10% off 2,500. Other: 10% off the brand (the Guangdong-only and the
        // not-yet-started sales do not apply to a Zhejiang address now).
        assertThat(Long.parseLong(field(bought.body(), "payableFen"))).isEqualTo(199_900 + 2 * 9_000);
        String order = field(bought.body().substring(bought.body().indexOf("\"orders\"")), "id");
        assertThat(sql.sql("select promotion_id from order_lines where order_id = ?::uuid and sku_id = ?")
                .params(order, phone.id()).query(UUID.class).single()).isEqualTo(fixed);

        publish(EventCatalog.FLASH_SALE_WITHDRAWN, fixed.toString(), new FlashSaleWithdrawn(fixed, "sold out"));
        await(() -> sql.sql("select withdrawn from flash_sales where promotion_id = ?").param(fixed).query(Boolean.class).single());
        HttpResponse<String> after = checkout(UUID.randomUUID().toString(), body(List.of(Map.entry(phone, 1)), List.of(), null), 20);
        assertThat(Long.parseLong(field(after.body(), "payableFen"))).isEqualTo(225_000);
    }

    @Test
    void aMarkedProductNotifiesItsShopperOnceWhenItsSaleStartsOnTheFestivalClock() throws Exception {
        Sku sku = listSku(store, brand, 50_000);
        HttpResponse<String> marked = call("POST", "/api/orders/reminders", shopper, "{\"productId\":\"" + sku.productId() + "\"}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(call("POST", "/api/orders/reminders", shopper, "{\"productId\":\"" + sku.productId() + "\"}").statusCode()).isEqualTo(200);
        Http.assertProblem(call("POST", "/api/orders/reminders", shopper, "{\"productId\":\"" + UUID.randomUUID() + "\"}"), 422);
        Http.assertProblem(call("POST", "/api/orders/reminders", shopper, "{}"), 400);

        CompletableFuture<String> pushed = firstPushedEvent();
        Instant now = clock.instant();
        UUID promotion = sale(List.of(sku.id()), List.of(), null, 39_900, null, now.plusSeconds(2), now.plusSeconds(3600));
        assertThat(pushed.isDone()).as("nothing before the sale starts").isFalse();

        String event = pushed.get(30, TimeUnit.SECONDS);
        assertThat(event).contains("ReminderTriggered").contains(sku.productId().toString()).contains(promotion.toString());
        HttpResponse<String> feed = call("GET", "/api/orders/notifications", shopper, null);
        assertThat(feed.body().split("\"reminderId\"")).hasSize(2);
        assertThat(call("GET", "/api/orders/reminders", shopper, null).body()).contains("\"promotionId\":\"" + promotion + "\"");
        List<ReminderTriggered> published = TopicRecords.readAll(Topics.ORDERS_NOTIFICATIONS.name(), Duration.ofSeconds(5)).stream()
                .map(r -> codec.decode(r.value()).payload())
                .filter(p -> p instanceof ReminderTriggered t && t.shopperId().equals(shopperId))
                .map(ReminderTriggered.class::cast).toList();
        assertThat(published).singleElement().satisfies(t -> assertThat(t.productId()).isEqualTo(sku.productId()));

        sale(List.of(sku.id()), List.of(), null, 29_900, null, now.minusSeconds(1), now.plusSeconds(3600));
        Thread.sleep(1500);
        assertThat(call("GET", "/api/orders/notifications", shopper, null).body().split("\"reminderId\"")).hasSize(2);
    }

    /** Opens the shopper's notification stream and completes with the first event block after the greeting. */
    private CompletableFuture<String> firstPushedEvent() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/orders/notifications/stream"))
                .header("Authorization", "Bearer " + shopper).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).startsWith(":connected");
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder block = new StringBuilder();
            try (lines) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty() && !block.isEmpty()) {
                        return block.toString();
                    }
                    block.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return block.toString();
        });
    }

    private UUID sale(List<UUID> skus, List<String> provinces, List<UUID> brands, long priceFen, Integer percentOff,
                      Instant from, Instant until) {
        UUID id = UUID.randomUUID();
        publish(EventCatalog.FLASH_SALE_SCHEDULED, id.toString(), new FlashSaleScheduled(id, "Flash " + id, skus, List.of(),
                brands == null ? List.of() : brands, provinces, percentOff == null ? Money.fen(priceFen) : null, percentOff, from, until));
        await(() -> sql.sql("select count(*) from flash_sales where promotion_id = ?").param(id).query(Integer.class).single() == 1);
        return id;
    }
}
