package io.singlesday.livestream.gala;

import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.livestream.CatalogStockStandIn;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.livestream.SentRecords;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gala on a fast festival clock (20x: a two-minute act lasts six seconds): drops follow the running order,
 * each selling while its act is on, bought in the TV_GALA channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "livestream.gala.check-every=200ms")
@WithRealEngines(database = "livestream")
class GalaRunningOrderTest {

    private static final double SPEED = 20;

    @LocalServerPort
    int port;
    @Autowired
    EventCodec codec;
    @Autowired
    FestivalClock clock;
    @Autowired
    JdbcClient sql;
    private CatalogStockStandIn catalog;
    private final String operator = Tokens.operator("gala-director-" + UUID.randomUUID());

    @BeforeEach
    void fastClockAndACatalog() {
        Instant now = Instant.now();
        clock.apply(new FestivalClockChanged(now, now, SPEED, "gala-test"));
        catalog = new CatalogStockStandIn(codec, 1_000);
    }

    @AfterEach
    void stop() throws InterruptedException {
        catalog.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> response = call("POST", path, operator, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.field(response.body(), "id");
    }

    private String session(String kind) throws Exception {
        String channel = created("/api/livestreams/channels", "{\"name\":\"Tmall gala\",\"kol\":\"Hosts\"}");
        return created("/api/livestreams/channels/" + channel + "/sessions",
                "{\"title\":\"11.11 gala\",\"kind\":\"" + kind + "\",\"scheduledStart\":\"" + clock.instant() + "\"}");
    }

    private static String act(String title, Instant startsAt, int minutes) {
        return "{\"title\":\"" + title + "\",\"startsAt\":\"" + startsAt + "\",\"minutes\":" + minutes + "}";
    }

    private HttpResponse<String> drop(String session, Integer act) throws Exception {
        return call("POST", "/api/livestreams/sessions/" + session + "/drops", operator, """
                {"skuId":"%s","title":"Gala lipstick","priceFen":11100,"currency":"CNY","quantity":10,"perViewerLimit":1%s}"""
                .formatted(UUID.randomUUID(), act == null ? "" : ",\"act\":" + act));
    }

    private HttpResponse<String> buy(String drop, String shopper) throws Exception {
        return call("POST", "/api/livestreams/drops/" + drop + "/purchases", shopper, """
                {"quantity":1,"delivery":{"recipient":"Wang Fang","street":"8 Century Avenue","city":"Shanghai",
                 "province":"Shanghai","latitude":31.23,"longitude":121.47}}""");
    }

    @Test
    void dropsSellWhileTheirActIsOnAndTheBuyersCheckOutInTheGalaChannel() throws Exception {
        String gala = session("GALA");
        Instant now = clock.instant();
        HttpResponse<String> planned = call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator,
                "{\"acts\":[" + act("Opening: see now, buy now", now, 2) + "," + act("Runway", now.plusSeconds(120), 1) + "]}");
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        assertThat(call("POST", "/api/livestreams/sessions/" + gala + "/start", operator, null).statusCode()).isEqualTo(200);

        String opening = Http.field(drop(gala, 1).body(), "id");
        String runway = Http.field(drop(gala, 2).body(), "id");
        String shopper = "viewer-" + UUID.randomUUID();
        HttpResponse<String> bought = buy(opening, Tokens.shopper(shopper));
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        assertProblem(buy(runway, Tokens.shopper(shopper)), 422);
        assertThat(Http.field(call("GET", "/api/livestreams/sessions/" + gala + "/running-order", null, null).body(), "onNow"))
                .isEqualTo("1");

        // The opening act ends after two festival minutes; the runway is on, and the opening takes no new drops.
        Thread.sleep(clock.realDurationOf(Duration.ofSeconds(122)).toMillis());
        assertProblem(drop(gala, 1), 422);
        HttpResponse<String> late = buy(opening, Tokens.shopper("late-" + UUID.randomUUID()));
        assertProblem(late, 422);
        assertThat(late.body()).contains("Act 1 ended");
        assertThat(buy(runway, Tokens.shopper(shopper)).statusCode()).isEqualTo(201);
        HttpResponse<String> show = call("GET", "/api/livestreams/sessions/" + gala + "/running-order", null, null);
        assertThat(Http.field(show.body(), "onNow")).isEqualTo("2");
        assertThat(show.body()).contains(opening).contains(runway);
        assertThat(sql.sql("select count(*) from gala_acts where session_id = ?::uuid and announced").param(gala)
                .query(Integer.class).single()).as("each act announced to the stream as it came on").isEqualTo(2);

        UUID checkout = UUID.fromString(Http.field(bought.body(), "checkoutId"));
        PlaceLivestreamCheckout placed = awaitCommand(checkout);
        assertThat(placed.channel()).isEqualTo(Channel.TV_GALA);
        assertThat(placed.unitPrice().minor()).isEqualTo(11_100);
    }

    @Test
    void aRunningOrderIsForAGalaIsPlannedBeforeTheShowAndItsDropsBelongToActs() throws Exception {
        String regular = session("REGULAR");
        Instant now = clock.instant();
        String oneAct = "{\"acts\":[" + act("Opening", now.plusSeconds(600), 30) + "]}";
        assertProblem(call("PUT", "/api/livestreams/sessions/" + regular + "/running-order", operator, oneAct), 422);
        assertProblem(drop(regular, 1), 422);

        String gala = session("GALA");
        assertProblem(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator,
                "{\"acts\":[" + act("Opening", now, 30) + "," + act("Overlapping", now.plusSeconds(600), 30) + "]}"), 422);
        assertProblem(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator, "{\"acts\":[]}"), 400);
        assertProblem(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", Tokens.shopper("nosy"), oneAct), 403);
        assertThat(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator, oneAct).statusCode()).isEqualTo(200);
        assertProblem(drop(gala, null), 422);
        assertProblem(drop(gala, 7), 422);
        assertThat(drop(gala, 1).statusCode()).isEqualTo(201);
        assertProblem(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator, oneAct), 409);
        assertThat(call("POST", "/api/livestreams/sessions/" + gala + "/start", operator, null).statusCode()).isEqualTo(200);
        assertProblem(call("PUT", "/api/livestreams/sessions/" + gala + "/running-order", operator, oneAct), 409);
    }

    private PlaceLivestreamCheckout awaitCommand(UUID checkoutId) {
        return SentRecords.await(codec, "orders.commands", PlaceLivestreamCheckout.class, c -> c.checkoutId().equals(checkoutId),
                1, Duration.ofSeconds(20)).stream().findFirst().orElseThrow(() -> new AssertionError("no checkout " + checkoutId));
    }
}
