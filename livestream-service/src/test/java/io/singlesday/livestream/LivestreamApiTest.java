package io.singlesday.livestream;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.WithRealEngines;
import io.singlesday.platform.kafka.EventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A show from channel to sold-out drop over HTTP, and every wrong move answered with a clear problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"livestream.drops.release-unsold-after=1s", "livestream.drops.release-check-every=200ms"})
@WithRealEngines(database = "livestream")
class LivestreamApiTest {

    private static final Instant PAST = Instant.now().minus(Duration.ofDays(400));
    private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(400));

    @LocalServerPort
    int port;
    @Autowired
    EventCodec codec;
    private CatalogStockStandIn catalog;

    @BeforeEach
    void catalogAnswers() {
        catalog = new CatalogStockStandIn(codec, 1_000);
    }

    @AfterEach
    void catalogStops() throws InterruptedException {
        catalog.close();
    }

    private final String operator = Tokens.operator("kol-agency-" + UUID.randomUUID());

    private HttpResponse<String> call(String method, String path, String token, String json, String key) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> response = call("POST", path, operator, json, UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.field(response.body(), "id");
    }

    private String liveSession() throws Exception {
        String channel = created("/api/livestreams/channels", "{\"name\":\"Cake night\",\"kol\":\"Viya\"}");
        String session = created("/api/livestreams/channels/" + channel + "/sessions",
                "{\"title\":\"1,000 cakes\",\"kind\":\"REGULAR\",\"scheduledStart\":\"" + PAST + "\"}");
        assertThat(call("POST", "/api/livestreams/sessions/" + session + "/start", operator, null, null).statusCode()).isEqualTo(200);
        return session;
    }

    private String drop(String session, int quantity, int limit, Instant opensAt) throws Exception {
        return created("/api/livestreams/sessions/" + session + "/drops", """
                {"skuId":"%s","title":"Cake","priceFen":990,"currency":"CNY","quantity":%d,"perViewerLimit":%d,"opensAt":"%s"}"""
                .formatted(UUID.randomUUID(), quantity, limit, opensAt));
    }

    static final String DELIVERY = """
            "delivery":{"recipient":"Li Wei","street":"1 Wensan Road","city":"Hangzhou","province":"Zhejiang",
                        "latitude":30.27,"longitude":120.15}""";

    private HttpResponse<String> buy(String drop, String shopper, int quantity, String key) throws Exception {
        return call("POST", "/api/livestreams/drops/" + drop + "/purchases", shopper,
                "{\"quantity\":" + quantity + "," + DELIVERY + "}", key);
    }

    @Test
    void eachPurchaseBecomesOneCheckoutAtTheDropPriceAndTheUnsoldUnitsGoBackWhenTheShowEnds() throws Exception {
        String session = liveSession();
        String drop = drop(session, 5, 2, PAST);
        String viewer = "erin-" + UUID.randomUUID();
        HttpResponse<String> bought = buy(drop, Tokens.shopper(viewer), 2, "press-1");
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        UUID checkoutId = UUID.fromString(Http.field(bought.body(), "checkoutId"));
        assertThat(Http.field(bought.body(), "checkout")).isEqualTo("/api/orders/checkouts/" + checkoutId);
        assertThat(buy(drop, Tokens.shopper(viewer), 2, "press-1").body()).as("a retry names the same checkout").isEqualTo(bought.body());
        buy(drop, Tokens.shopper("frank-" + UUID.randomUUID()), 1, "press-1");

        List<PlaceLivestreamCheckout> placed = SentRecords.await(codec, "orders.commands", PlaceLivestreamCheckout.class,
                c -> c.offerId().toString().equals(drop), 2, Duration.ofSeconds(20));
        assertThat(placed).hasSize(2);
        PlaceLivestreamCheckout mine = placed.stream().filter(c -> c.checkoutId().equals(checkoutId)).findFirst().orElseThrow();
        assertThat(mine.shopperId()).isEqualTo(viewer);
        assertThat(mine.sessionId().toString()).isEqualTo(session);
        assertThat(mine.channel()).isEqualTo(Channel.LIVESTREAM);
        assertThat(mine.quantity()).isEqualTo(2);
        assertThat(mine.unitPrice()).isEqualTo(Money.fen(990));
        assertThat(mine.stockHold()).as("the units are already held under the drop").hasToString(drop);
        assertThat(mine.delivery().city()).isEqualTo("Hangzhou");

        assertThat(call("POST", "/api/livestreams/sessions/" + session + "/end", operator, null, null).statusCode()).isEqualTo(200);
        List<ReleaseUnsoldStock> released = SentRecords.await(codec, "catalog.stock.commands", ReleaseUnsoldStock.class,
                r -> r.holdId().toString().equals(drop), 1, Duration.ofSeconds(20));
        assertThat(released).containsExactly(new ReleaseUnsoldStock(UUID.fromString(drop), 3));
    }

    @Test
    void aViewerBuysAtTheDropPriceAndARetryWithTheSameKeyIsTheSamePurchase() throws Exception {
        String drop = drop(liveSession(), 3, 2, PAST);
        String alice = Tokens.shopper("alice-" + UUID.randomUUID());
        HttpResponse<String> bought = buy(drop, alice, 2, "press-1");
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        assertThat(bought.body()).contains("\"units\":2").contains("\"totalFen\":1980").contains("\"currency\":\"CNY\"");
        HttpResponse<String> again = buy(drop, alice, 2, "press-1");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(bought.body());
        assertProblem(buy(drop, alice, 1, "press-2"), 409);
        // The last cake goes to the next buyer even though she asked for two; then the drop is gone.
        HttpResponse<String> last = buy(drop, Tokens.shopper("bob-" + UUID.randomUUID()), 2, "b-1");
        assertThat(last.body()).contains("\"units\":1");
        HttpResponse<String> gone = buy(drop, Tokens.shopper("carol-" + UUID.randomUUID()), 1, "c-1");
        assertProblem(gone, 410);
        assertThat(call("GET", "/api/livestreams/drops/" + drop, null, null, null).body()).contains("\"granted\":3")
                .contains("\"stock\":\"HELD\"");
    }

    @Test
    void aLimitedEditionNumbersEachUnitOnePerViewer() throws Exception {
        String session = liveSession();
        assertProblem(call("POST", "/api/livestreams/sessions/" + session + "/drops", operator, """
                {"skuId":"%s","title":"Perfume No. 11","priceFen":88800,"currency":"CNY","quantity":3,"perViewerLimit":2,
                 "opensAt":"%s","limitedEdition":true}""".formatted(UUID.randomUUID(), PAST), "two-each"), 422);
        String drop = created("/api/livestreams/sessions/" + session + "/drops", """
                {"skuId":"%s","title":"Perfume No. 11","priceFen":88800,"currency":"CNY","quantity":3,"perViewerLimit":1,
                 "opensAt":"%s","limitedEdition":true}""".formatted(UUID.randomUUID(), PAST));
        java.util.Set<String> editions = new java.util.TreeSet<>();
        int soldOut = 0;
        for (int fan = 0; fan < 5; fan++) {
            HttpResponse<String> answer = buy(drop, Tokens.shopper("fan-" + fan + "-" + UUID.randomUUID()), 1, "press");
            if (answer.statusCode() == 201) {
                editions.add(Http.field(answer.body(), "edition"));
            } else {
                assertProblem(answer, 410);
                soldOut++;
            }
        }
        assertThat(editions).containsExactly("1", "2", "3");
        assertThat(soldOut).isEqualTo(2);
    }

    @Test
    void wrongMovesAreClearProblems() throws Exception {
        String shopper = Tokens.shopper("dave-" + UUID.randomUUID());
        String session = liveSession();
        assertProblem(buy(drop(session, 10, 1, FUTURE), shopper, 1, "early"), 422);
        String open = drop(session, 10, 2, PAST);
        assertProblem(buy(open, shopper, 3, "greedy"), 409);
        assertProblem(buy(open, shopper, 1, null), 400);
        assertProblem(buy(open, shopper, 0, "nothing"), 400);
        assertProblem(call("POST", "/api/livestreams/drops/" + open + "/purchases", shopper, "{\"quantity\":1}", "nowhere"), 400);
        assertProblem(buy(UUID.randomUUID().toString(), shopper, 1, "ghost"), 404);
        assertProblem(call("POST", "/api/livestreams/sessions/" + session + "/drops", operator,
                "{\"skuId\":\"" + UUID.randomUUID() + "\",\"title\":\"x\",\"priceFen\":-5,\"currency\":\"USD\",\"quantity\":0,"
                        + "\"perViewerLimit\":1,\"opensAt\":\"" + PAST + "\"}", "bad-drop"), 400);
        assertProblem(call("POST", "/api/livestreams/sessions/" + session + "/drops", operator,
                "{\"skuId\":\"" + UUID.randomUUID() + "\",\"title\":\"x\",\"priceFen\":5,\"currency\":\"CNY\",\"quantity\":2,"
                        + "\"perViewerLimit\":3,\"opensAt\":\"" + PAST + "\"}", "limit-over-quantity"), 422);
        assertProblem(call("POST", "/api/livestreams/channels", shopper, "{\"name\":\"Mine\",\"kol\":\"me\"}", "k"), 403);
        String far = "\"delivery\":{\"recipient\":\"x\",\"street\":\"y\",\"city\":\"z\",\"province\":\"w\",\"latitude\":91,\"longitude\":0}";
        assertProblem(call("POST", "/api/livestreams/drops/" + open + "/purchases", shopper, "{\"quantity\":1," + far + "}", "off-map"), 400);
        assertProblem(call("POST", "/api/livestreams/drops/" + open + "/purchases", shopper, "{\"quantity\":1,\"delivery\":", "cut"), 400);
        assertThat(call("GET", "/api/livestreams/drops/" + open, null, null, null).body()).as("nothing granted by the refusals")
                .contains("\"granted\":0");
        String deal = Http.field(call("POST", "/api/livestreams/sessions/" + session + "/group-deals", operator,
                "{\"skuId\":\"" + UUID.randomUUID() + "\",\"groupPriceFen\":5900,\"currency\":\"CNY\",\"targetBuyers\":3,"
                        + "\"closesAt\":\"" + FUTURE + "\"}", "deal").body(), "id");
        assertProblem(call("POST", "/api/livestreams/group-deals/" + deal + "/joins", shopper, null, "no-address"), 400);
        assertProblem(call("POST", "/api/livestreams/group-deals/" + deal + "/joins", shopper, "{" + far + "}", "off-map"), 400);
        assertThat(Http.field(call("GET", "/api/livestreams/group-deals/" + deal, null, null, null).body(), "joined")).isEqualTo("0");
        assertProblem(call("POST", "/api/livestreams/group-deals/" + UUID.randomUUID() + "/joins", shopper, "{" + DELIVERY + "}", "ghost"), 404);
        HttpResponse<String> badTime = call("PUT", "/api/livestreams/sessions/" + session + "/running-order", operator,
                "{\"acts\":[{\"title\":\"x\",\"startsAt\":\"not a time\",\"minutes\":5}]}", "bad-time");
        assertProblem(badTime, 400);
        assertThat(badTime.body()).contains("acts[0].startsAt").contains("ISO 8601").doesNotContain("java.");
        assertProblem(call("PUT", "/api/livestreams/sessions/" + session + "/running-order", operator,
                "{\"acts\":[{\"title\":\"x\",\"startsAt\":\"" + FUTURE + "\",\"minutes\":0}]}", "no-minutes"), 400);
        assertProblem(call("GET", "/api/livestreams/sessions/" + UUID.randomUUID() + "/running-order", null, null, null), 404);
        assertProblem(call("GET", "/api/livestreams/group-deals/joined", null, null, null), 401);
        assertThat(call("GET", "/api/livestreams/group-deals/joined", shopper, null, null).body()).isEqualTo("[]");
        HttpResponse<String> tooBig = call("POST", "/api/livestreams/sessions/" + session + "/drops", operator,
                "{\"skuId\":\"" + UUID.randomUUID() + "\",\"title\":\"x\",\"priceFen\":5,\"currency\":\"CNY\",\"quantity\":5000,"
                        + "\"perViewerLimit\":1,\"opensAt\":\"" + PAST + "\"}", "more-than-the-catalog-holds");
        assertProblem(tooBig, 422);
        assertThat(tooBig.body()).contains("INSUFFICIENT_STOCK");

        assertThat(call("POST", "/api/livestreams/sessions/" + session + "/end", operator, null, null).statusCode()).isEqualTo(200);
        assertProblem(buy(open, shopper, 1, "after-the-show"), 422);
        assertProblem(call("POST", "/api/livestreams/sessions/" + session + "/start", operator, null, null), 409);
        assertProblem(call("POST", "/api/livestreams/sessions/" + session + "/drops", operator,
                "{\"skuId\":\"" + UUID.randomUUID() + "\",\"title\":\"x\",\"priceFen\":5,\"currency\":\"CNY\",\"quantity\":2,"
                        + "\"perViewerLimit\":1,\"opensAt\":\"" + PAST + "\"}", "late-drop"), 409);
    }
}
