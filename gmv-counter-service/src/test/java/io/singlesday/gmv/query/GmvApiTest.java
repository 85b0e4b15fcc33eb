package io.singlesday.gmv.query;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.gmv.CounterApp;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may read which figure, what the series and the stream answer, and what bad queries get. */
class GmvApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext counter;
    private static String base;
    private final String operator = Tokens.operator("api-operator");

    @BeforeAll
    static void start() {
        counter = CounterApp.start();
        base = CounterApp.base(counter);
    }

    @AfterAll
    static void stop() {
        counter.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return Http.send(base, "GET", path, token, null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theGiantScreenIsPublicButTheBrandRankingIsForOperators() throws Exception {
        assertThat(json(get("/api/gmv/public/summary", null)).get("topBrands").isNull()).isTrue();
        assertProblem(get("/api/gmv/summary", null), 401);
        assertProblem(get("/api/gmv/summary", Tokens.shopper("curious")), 403);
        assertThat(json(get("/api/gmv/summary", operator)).get("topBrands").isArray()).isTrue();
        assertProblem(get("/api/gmv/top/brand", Tokens.shopper("curious")), 403);
        assertThat(json(get("/api/gmv/top/brand?limit=3", operator)).get("values").size()).isLessThanOrEqualTo(3);
        assertProblem(get("/api/gmv/public/top/brand", null), 400);
    }

    @Test
    void aBrandSeesItsOwnAnalyticsAndNobodyElses() throws Exception {
        List<OrderConfirmed> sent = new ArrayList<>();
        UUID mine;
        UUID theirs;
        try (OrderEvents events = new OrderEvents(System.nanoTime(), 2)) {
            mine = events.brands().get(0);
            theirs = events.brands().get(1);
            for (int i = 0; i < 60; i++) {
                OrderConfirmed order = events.confirmed(counter.getBean(FestivalClock.class).instant());
                sent.add(order);
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
        }
        long myGmv = sent.stream().filter(o -> o.brandId().equals(mine)).mapToLong(o -> o.paidTotal().minor()).sum();
        String brandToken = Tokens.brand("brand-manager", mine.toString());
        CounterApp.await(Duration.ofSeconds(30), () -> {
            try {
                return json(get("/api/gmv/brands/" + mine, brandToken)).get("total").get("gmvFen").asLong() == myGmv;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode analytics = json(get("/api/gmv/brands/" + mine, brandToken));
        long byCity = 0;
        for (JsonNode city : analytics.get("byCity")) {
            byCity += city.get("gmvFen").asLong();
        }
        assertThat(byCity).isEqualTo(myGmv);
        assertThat(analytics.get("byHour").size()).isPositive();
        assertThat(analytics.get("byChannel").size()).isPositive();

        assertProblem(get("/api/gmv/brands/" + theirs, brandToken), 403);
        assertProblem(get("/api/gmv/brands/" + mine, Tokens.shopper("nosy")), 403);
        assertThat(json(get("/api/gmv/brands/" + theirs, operator)).get("brandId").asString()).isEqualTo(theirs.toString());
        assertProblem(get("/api/gmv/brands/not-a-brand", operator), 400);
    }

    @Test
    void refundsLeaveTheHeadlineGrossAndTheBrandsOwnAnalyticsNetOncePerRefund() throws Exception {
        JsonNode before = json(get("/api/gmv/public/summary", null));
        List<OrderConfirmed> sent = new ArrayList<>();
        long refunded = 0;
        UUID brand;
        try (OrderEvents events = new OrderEvents(System.nanoTime(), 1)) {
            brand = events.brands().getFirst();
            Instant now = counter.getBean(FestivalClock.class).instant();
            for (int i = 0; i < 12; i++) {
                OrderConfirmed order = events.confirmed(now);
                sent.add(order);
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), now));
            }
            for (OrderConfirmed order : sent.subList(0, 4)) {
                var refund = OrderEvents.refundOfFirstLine(order, now.plusSeconds(1));
                byte[] envelope = OrderEvents.envelope(refund, order.orderId(), now.plusSeconds(1));
                events.send(order.orderId(), envelope);
                events.send(order.orderId(), envelope); // the same refund delivered twice counts once
                refunded += refund.amount().minor();
            }
            // A refund of an order the counter never counted takes nothing back.
            OrderConfirmed unseen = events.confirmed(now);
            events.send(unseen.orderId(), OrderEvents.envelope(OrderEvents.refundOfFirstLine(unseen, now), unseen.orderId(), now));
        }
        long gross = sent.stream().mapToLong(o -> o.paidTotal().minor()).sum();
        long back = refunded;
        String brandToken = Tokens.brand("brand-manager", brand.toString());
        CounterApp.await(Duration.ofSeconds(30), () -> {
            try {
                return json(get("/api/gmv/brands/" + brand, brandToken)).get("refunded").get("gmvFen").asLong() == back
                        && json(get("/api/gmv/public/summary", null)).get("refunds").get("refunded").get("fen").asLong()
                        - before.get("refunds").get("refunded").get("fen").asLong() == back;
            } catch (Exception e) {
                return false;
            }
        });
        Thread.sleep(1_500); // a duplicate or the unseen order's refund would land within a flush or two
        JsonNode analytics = json(get("/api/gmv/brands/" + brand, brandToken));
        assertThat(analytics.get("total").get("gmvFen").asLong()).isEqualTo(gross);
        assertThat(analytics.get("refunded").get("gmvFen").asLong()).isEqualTo(refunded);
        assertThat(analytics.get("refunded").get("orders").asLong()).isEqualTo(4);
        assertThat(analytics.get("net").get("gmvFen").asLong()).isEqualTo(gross - refunded);
        long byCity = 0;
        for (JsonNode city : analytics.get("byCity")) {
            byCity += city.get("gmvFen").asLong();
        }
        assertThat(byCity).as("the brand's breakdowns are net").isEqualTo(gross - refunded);

        JsonNode after = json(get("/api/gmv/public/summary", null));
        assertThat(after.get("gmv").get("fen").asLong() - before.get("gmv").get("fen").asLong())
                .as("the headline stays gross").isEqualTo(gross);
        JsonNode refunds = after.get("refunds");
        assertThat(refunds.get("refunded").get("fen").asLong() - before.get("refunds").get("refunded").get("fen").asLong())
                .isEqualTo(refunded);
        assertThat(refunds.get("refunds").asLong() - before.get("refunds").get("refunds").asLong()).isEqualTo(4);
        assertThat(refunds.get("netGmv").get("fen").asLong())
                .isEqualTo(after.get("gmv").get("fen").asLong() - refunds.get("refunded").get("fen").asLong());
    }

    @Test
    void theSeriesAddsUpTheOrdersOfEachSecond() throws Exception {
        Instant second = Instant.parse("2025-11-10T16:00:07Z");
        long gmv = 0;
        try (OrderEvents events = new OrderEvents(System.nanoTime(), 3)) {
            for (int i = 0; i < 5; i++) {
                OrderConfirmed order = events.confirmed(second.plusMillis(100L * i));
                gmv += order.paidTotal().minor();
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
        }
        String path = "/api/gmv/public/series?resolution=second&from=2025-11-10T16:00:00Z&to=2025-11-10T16:00:20Z";
        long want = gmv;
        CounterApp.await(Duration.ofSeconds(30), () -> {
            try {
                return Stream.of(json(get(path, null)).get("points")).flatMap(p -> p.valueStream())
                        .anyMatch(p -> p.get("at").asString().equals("2025-11-10T16:00:07Z") && p.get("gmvFen").asLong() >= want);
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode point = json(get(path, null)).get("points").valueStream()
                .filter(p -> p.get("at").asString().equals("2025-11-10T16:00:07Z")).findFirst().orElseThrow();
        assertThat(point.get("orders").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(point.get("previousYearCumulativeFen").asLong()).isPositive();
    }

    @Test
    void queriesOutOfRangeAreProblems() throws Exception {
        assertProblem(get("/api/gmv/public/top/city?limit=0", null), 400);
        assertProblem(get("/api/gmv/public/top/city?limit=101", null), 400);
        assertProblem(get("/api/gmv/public/top/planet", null), 400);
        assertProblem(get("/api/gmv/public/series?resolution=week", null), 400);
        assertProblem(get("/api/gmv/public/series?resolution=second&from=2026-11-11T00:00:00Z&to=2026-11-10T00:00:00Z", null), 400);
        assertProblem(get("/api/gmv/public/series?resolution=second&from=2026-11-10T00:00:00Z&to=2026-11-11T00:00:00Z", null), 400);
        assertProblem(get("/api/gmv/public/series?from=yesterday", null), 400);
        var atJavasEdge = get("/api/gmv/public/series?to=%2B999999999-12-31T23:59:59Z", null);
        assertProblem(atJavasEdge, 400);
        assertThat(atJavasEdge.body()).contains("'to'").contains("1900 to 9999");
        assertProblem(get("/api/gmv/public/series?from=-999999999-01-01T00:00:00Z", null), 400);
        assertThat(json(get("/api/gmv/public/top/city?limit=100", null)).get("dimension").asString()).isEqualTo("city");
        assertThat(json(get("/api/gmv/public/hourly", null)).isArray()).isTrue();
    }

    @Test
    void theStreamPushesAFreshSnapshotAtLeastTwiceASecond() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/gmv/public/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Long> versions = new ArrayList<>();
        Instant until = Instant.now().plusSeconds(2);
        try (Stream<String> lines = response.body()) {
            var it = lines.iterator();
            while (Instant.now().isBefore(until) && it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id:")) {
                    versions.add(Long.parseLong(line.substring(3).trim()));
                }
                if (line.startsWith("data:")) {
                    assertThat(line).doesNotContain("topBrands\":[");
                }
            }
        }
        assertThat(versions).hasSizeGreaterThanOrEqualTo(4).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anUnreadableOrderEventIsDeadLetteredAndCountedWhileTheCounterGoesOn() throws Exception {
        double before = deadLetters();
        try (OrderEvents events = new OrderEvents(5, 1)) {
            events.sendRaw("poison-" + UUID.randomUUID(), "{\"type\":\"OrderConfirmed\"".getBytes(StandardCharsets.UTF_8));
            OrderConfirmed after = events.confirmed(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            events.send(after.orderId(), OrderEvents.envelope(after, after.orderId(), after.confirmedAt()));
        }
        CounterApp.await(Duration.ofSeconds(30), () -> deadLetters() >= before + 1);
        assertThat(counter.getBean(io.singlesday.gmv.counting.CounterStreams.class).state()).hasValueSatisfying(
                state -> assertThat(state.isRunningOrRebalancing()).isTrue());
    }

    private static double deadLetters() {
        try {
            String metrics = get("/actuator/prometheus", null).body();
            return metrics.lines().filter(l -> l.startsWith("festival_kafka_dead_letters_total{") && l.contains("topic=\"orders.events\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return -1;
        }
    }
}
