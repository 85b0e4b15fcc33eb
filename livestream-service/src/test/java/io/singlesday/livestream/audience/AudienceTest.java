package io.singlesday.livestream.audience;

import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.singlesday.testsupport.Http.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The audience of a live show: counts that add up under a crowd, comments with limits, the live stream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "livestream.audience.share-every=200ms")
@WithRealEngines(database = "livestream")
class AudienceTest {

    @LocalServerPort
    int port;
    @Autowired
    Audience audience;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient sql;

    private final String operator = Tokens.operator("host-" + UUID.randomUUID());

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private String session(boolean live) throws Exception {
        String channel = Http.field(call("POST", "/api/livestreams/channels", operator, "{\"name\":\"Perfume\",\"kol\":\"Austin\"}").body(), "id");
        String session = Http.field(call("POST", "/api/livestreams/channels/" + channel + "/sessions", operator,
                "{\"title\":\"Launch\",\"kind\":\"REGULAR\",\"scheduledStart\":\"" + Instant.now() + "\"}").body(), "id");
        if (live) {
            assertThat(call("POST", "/api/livestreams/sessions/" + session + "/start", operator, null).statusCode()).isEqualTo(200);
        }
        return session;
    }

    @Test
    void tenThousandViewersJoiningAtOnceAreAllCounted() throws Exception {
        UUID session = UUID.fromString(session(true));
        try (ExecutorService crowd = Executors.newFixedThreadPool(16)) {
            for (int v = 0; v < 10_000; v++) {
                String viewer = "viewer-" + v;
                crowd.submit(() -> audience.join(session, viewer));
                if (v % 10 == 0) {
                    crowd.submit(() -> audience.join(session, viewer)); // a second join of the same viewer counts once
                }
            }
        }
        assertThat(audience.figures(session).viewers()).isEqualTo(10_000);
        for (int v = 0; v < 4_000; v++) {
            audience.leave(session, "viewer-" + v);
        }
        Audience.Figures after = audience.figures(session);
        assertThat(after.viewers()).isEqualTo(6_000);
        assertThat(after.peakViewers()).isEqualTo(10_000);
    }

    @Test
    void anUnknownSessionIsA404ThatLeavesNoStateBehindAndTheSharesOfRealOnesKeepBeingWritten() throws Exception {
        UUID live = UUID.fromString(session(true));
        audience.join(live, "viewer-before");
        for (int i = 0; i < 50; i++) {
            UUID nowhere = UUID.randomUUID();
            Http.assertProblem(call("GET", "/api/livestreams/sessions/" + nowhere + "/audience", null, null), 404);
            Http.assertProblem(call("DELETE", "/api/livestreams/sessions/" + nowhere + "/viewers/me",
                    Tokens.shopper("wanderer-" + i), null), 404);
        }
        // The shares are exchanged every 200 ms here; the live session's goes on being written after the unknown ids.
        Instant asked = Instant.now();
        audience.join(live, "viewer-after");
        long deadline = System.currentTimeMillis() + 10_000;
        Integer written = null;
        while (System.currentTimeMillis() < deadline && (written == null || written < 2)) {
            Thread.sleep(100);
            written = sql.sql("select coalesce(max(viewers), 0) from audience_shares where session_id = ? and updated_at > ?")
                    .params(live, java.sql.Timestamp.from(asked)).query(Integer.class).single();
        }
        assertThat(written).isEqualTo(2);
    }

    @Test
    void theAudienceIsSummedOverEveryInstanceAndAGonePodsViewersLeaveWithIt() throws Exception {
        UUID session = UUID.fromString(session(true));
        for (int v = 0; v < 100; v++) {
            audience.join(session, "here-" + v);
        }
        audience.like(session);
        // Another pod behind the gateway writes its share of the same show, as this one does.
        UUID otherPod = UUID.randomUUID();
        sql.sql("insert into audience_shares (session_id, instance_id, viewers, likes, comments, updated_at) values (?, ?, 250, 40, 7, now())")
                .params(session, otherPod).update();
        awaitFigures(session, f -> f.viewers() == 350);
        Audience.Figures together = audience.figures(session);
        assertThat(together.likes()).isEqualTo(41);
        assertThat(together.comments()).isEqualTo(7);
        assertThat(together.peakViewers()).isEqualTo(350);
        awaitFigures(session, f -> sql.sql("select peak_viewers from sessions where id = ?").param(session).query(Integer.class).single() == 350);
        assertThat(sql.sql("select viewers from audience_shares where session_id = ? and instance_id <> ?").params(session, otherPod)
                .query(Integer.class).single()).as("this pod's own share").isEqualTo(100);

        // The other pod stops reporting (it died): its viewers are gone, what they liked and said stays counted.
        sql.sql("update audience_shares set updated_at = now() - interval '1 minute' where instance_id = ?").param(otherPod).update();
        awaitFigures(session, f -> f.viewers() == 100);
        Audience.Figures after = audience.figures(session);
        assertThat(after.likes()).isEqualTo(41);
        assertThat(after.peakViewers()).isEqualTo(350);
    }

    private void awaitFigures(UUID session, java.util.function.Predicate<Audience.Figures> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.test(audience.figures(session))) {
            assertThat(System.currentTimeMillis()).as("figures now " + audience.figures(session)).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void commentsHaveLimitsAndAFloodGets429() throws Exception {
        String session = session(true);
        String aliceAccount = "alice-" + UUID.randomUUID();
        String alice = Tokens.shopper(aliceAccount);
        String path = "/api/livestreams/sessions/" + session + "/comments";
        assertProblem(call("POST", path, alice, "{\"text\":\"   \",\"question\":false}"), 400);
        assertProblem(call("POST", path, alice, "{\"text\":\"" + "a".repeat(201) + "\",\"question\":false}"), 400);
        for (int i = 0; i < 3; i++) {
            assertThat(call("POST", path, alice, "{\"text\":\"wow " + i + "\",\"question\":false}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> flood = call("POST", path, alice, "{\"text\":\"wow again\",\"question\":false}");
        assertProblem(flood, 429);
        assertThat(flood.headers().firstValue("Retry-After")).isPresent();
        // The limit is each viewer's own: someone else still speaks.
        assertThat(call("POST", path, Tokens.shopper("bob-" + UUID.randomUUID()), "{\"text\":\"hi\",\"question\":false}")
                .statusCode()).isEqualTo(201);
        String listed = call("GET", path + "?limit=10", null, null).body();
        assertThat(listed).contains("wow 2").doesNotContain("wow again");
        // Anyone may read the list: it shows who spoke as "a***<last>", never the account.
        assertThat(listed).doesNotContain(aliceAccount).contains("\"author\":\"a***" + aliceAccount.charAt(aliceAccount.length() - 1) + "\"");
        assertThat(call("GET", "/api/livestreams/sessions/" + session + "/audience", null, null).body()).contains("\"comments\":4");
        assertProblem(call("POST", "/api/livestreams/sessions/" + session(false) + "/comments", alice,
                "{\"text\":\"too early\",\"question\":false}"), 422);
    }

    @Test
    void theHostPinsAndAnswersAQuestionAndEveryWatcherSeesItLive() throws Exception {
        String session = session(true);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/livestreams/sessions/" + session + "/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        String carol = Tokens.shopper("carol-" + UUID.randomUUID());
        call("POST", "/api/livestreams/sessions/" + session + "/viewers", carol, null);
        HttpResponse<String> asked = call("POST", "/api/livestreams/sessions/" + session + "/comments", carol,
                "{\"text\":\"Does it come in 50 ml?\",\"question\":true}");
        String question = Http.field(asked.body(), "id");
        assertProblem(call("POST", "/api/livestreams/comments/" + question + "/pin", carol, null), 403);
        assertThat(call("POST", "/api/livestreams/comments/" + question + "/pin", operator, null).body()).contains("\"pinned\":true");
        assertThat(call("POST", "/api/livestreams/comments/" + question + "/answer", operator, "{\"text\":\"Yes, and 100 ml\"}").body())
                .contains("\"answer\":\"Yes, and 100 ml\"");
        String remark = Http.field(call("POST", "/api/livestreams/sessions/" + session + "/comments", Tokens.shopper("dan-" + UUID.randomUUID()),
                "{\"text\":\"love it\",\"question\":false}").body(), "id");
        assertProblem(call("POST", "/api/livestreams/comments/" + remark + "/answer", operator, "{\"text\":\"thanks\"}"), 422);

        StringBuilder seen = new StringBuilder();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> reading = reader.submit(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException closed) {
                // the test is done with the stream
            }
            return null;
        });
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            synchronized (seen) {
                if (seen.toString().contains("\"viewers\":1")) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        reading.cancel(true);
        stream.body().close();
        reader.shutdownNow();
        reader.awaitTermination(5, TimeUnit.SECONDS);
        String events = seen.toString();
        assertThat(events).contains("event:comment").contains("Does it come in 50 ml?").contains("event:pinned")
                .contains("event:answered").contains("event:audience").contains("\"viewers\":1");
    }
}
