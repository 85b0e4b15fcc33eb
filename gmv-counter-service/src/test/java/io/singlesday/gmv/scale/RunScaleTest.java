package io.singlesday.gmv.scale;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.gmv.CounterApp;
import io.singlesday.gmv.OrderEvents;
import io.singlesday.gmv.query.PreviousYearCurve;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run tells the screen its scale, and the screen then compares with last year at that scale: the day's orders at
 * the run's mean order value, over last year's shape, at the festival second of the snapshot; withdrawn, the screen
 * compares with the configured previous year again.
 */
class RunScaleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> Y2019 = List.of("96:10", "325:30", "3840:100", "51660:200", "86400:268.4");
    private static final String CONFIGURED = "2019 at 1:100,000";
    private static ConfigurableApplicationContext counter;
    private static String base;
    private final String operator = Tokens.operator("scale-operator");

    @BeforeAll
    static void start() {
        counter = CounterApp.start();
        base = CounterApp.base(counter);
    }

    @AfterAll
    static void stop() {
        counter.close();
    }

    @Test
    void anAnnouncedRunIsComparedWithLastYearAtItsOwnScaleUntilItIsWithdrawn() throws Exception {
        assertThat(json(Http.send(base, "GET", "/api/gmv/public/scale", null, null)).path("announced").asBoolean()).isFalse();
        assertThat(json(Http.send(base, "GET", "/api/gmv/public/scale", null, null)).path("basis").asString()).isEqualTo(CONFIGURED);
        assertProblem(Http.send(base, "PUT", "/api/gmv/scale", Tokens.shopper("curious"),
                "{\"dayOrders\":1000,\"basis\":\"mine\"}"), 403);
        HttpResponse<String> none = Http.send(base, "PUT", "/api/gmv/scale", operator, "{\"dayOrders\":0,\"basis\":\"a run\"}");
        assertProblem(none, 400);
        assertThat(none.body()).contains("dayOrders");
        HttpResponse<String> nameless = Http.send(base, "PUT", "/api/gmv/scale", operator, "{\"dayOrders\":1000,\"basis\":\" \"}");
        assertProblem(nameless, 400);
        assertThat(nameless.body()).contains("basis");

        // An hour into the festival, where last year had sold a known share of its day.
        String festivalTime = Year.now(FestivalClock.BEIJING) + "-11-11T01:00:00+08:00";
        assertThat(Http.send(base, "PUT", "/api/clock", operator, "{\"festivalTime\":\"" + festivalTime + "\",\"speed\":1}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> announced = Http.send(base, "PUT", "/api/gmv/scale", operator,
                "{\"dayOrders\":1000,\"basis\":\"a test day at 1:1\"}");
        assertThat(json(announced).path("announced").asBoolean()).isTrue();
        assertThat(json(Http.send(base, "GET", "/api/gmv/public/scale", null, null)).path("setBy").asString())
                .isEqualTo("scale-operator");

        long ordersBefore = summary().path("orders").asLong();
        try (OrderEvents events = new OrderEvents(System.nanoTime(), 3)) {
            Instant now = counter.getBean(FestivalClock.class).instant();
            for (int i = 0; i < 40; i++) {
                OrderConfirmed order = events.confirmed(now);
                events.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
            events.flush();
        }
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        CounterApp.await(Duration.ofSeconds(30), () -> {
            JsonNode s = summary();
            seen.set(s);
            return s.path("orders").asLong() >= ordersBefore + 40 && "a test day at 1:1".equals(s.at("/previousYear/basis").asString());
        });
        JsonNode s = seen.get();
        long orders = s.path("orders").asLong();
        long gmvFen = s.at("/gmv/fen").asLong();
        long dayTotal = 1000 * gmvFen / orders;
        assertThat(s.at("/previousYear/totalFen").asLong()).as("the day's orders at this run's mean order value").isEqualTo(dayTotal);
        long atThisTime = new PreviousYearCurve(Y2019, dayTotal).cumulativeFen(s.path("secondsAfterMidnight").asLong());
        assertThat(atThisTime).isPositive();
        assertThat(s.at("/previousYear/atThisTimeFen").asLong()).isEqualTo(atThisTime);

        // Last year's headlines at this run's scale: "first 1 billion" is 1/268.4 of the run's day, passed by now.
        CounterApp.await(Duration.ofSeconds(30), () -> summary().path("milestones").toString().contains("first 1 billion (a test day at 1:1)"));
        JsonNode milestones = summary().path("milestones");
        assertThat(milestones.size()).isPositive();
        for (JsonNode milestone : milestones) {
            assertThat(milestone.path("milestoneId").asString()).as("only this run's milestones on the screen").contains("@");
            assertThat(milestone.path("label").asString()).endsWith("(a test day at 1:1)");
        }

        assertThat(Http.send(base, "DELETE", "/api/gmv/scale", operator, null).statusCode()).isEqualTo(204);
        CounterApp.await(Duration.ofSeconds(10), () -> CONFIGURED.equals(summary().at("/previousYear/basis").asString()));
        assertThat(summary().at("/previousYear/totalFen").asLong()).isEqualTo(2_684_000_00L);
        for (JsonNode milestone : summary().path("milestones")) {
            assertThat(milestone.path("milestoneId").asString()).as("the configured milestones again").doesNotContain("@");
        }
        assertThat(json(Http.send(base, "GET", "/api/gmv/public/scale", null, null)).path("announced").asBoolean()).isFalse();
    }

    /** A failed run must not leave its scale announced for the next test. */
    @org.junit.jupiter.api.AfterEach
    void withdraw() throws Exception {
        Http.send(base, "DELETE", "/api/gmv/scale", operator, null);
    }

    private static JsonNode summary() {
        try {
            return json(Http.send(base, "GET", "/api/gmv/public/summary", null, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
