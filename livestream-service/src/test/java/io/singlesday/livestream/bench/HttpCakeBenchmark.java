package io.singlesday.livestream.bench;

import io.singlesday.livestream.CatalogStockStandIn;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.Tokens;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cake test over HTTP, run with {@code ./mvnw -pl livestream-service -Pbenchmark test -Dtest=HttpCakeBenchmark}:
 * 1,000 cakes, one per viewer, 20,000 presses from 10,000 signed-in viewers (each presses twice) at random moments
 * within one second, through the real controller, security, allocator and PostgreSQL. The client keeps at most
 * 256 requests in flight, as a fleet of phones behind a few gateway connections would; every latency counts from
 * the moment the press was due, so time spent queueing in the client counts too. The client runs on the same
 * two cores as the service, PostgreSQL and Kafka. Prints figures; asserts only the allocation's exactness.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealEngines(database = "livestream")
class HttpCakeBenchmark {

    private static final int UNITS = 1_000;
    private static final int VIEWERS = 10_000;
    private static final int IN_FLIGHT = 256;

    @LocalServerPort
    int port;
    @Autowired
    EventCodec codec;
    private CatalogStockStandIn catalog;
    private final String operator = Tokens.operator("cake-kol-" + UUID.randomUUID());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeEach
    void catalogAnswers() {
        catalog = new CatalogStockStandIn(codec, 1_000_000);
    }

    @AfterEach
    void stop() throws InterruptedException {
        catalog.close();
    }

    private record Answer(int status, long dueNanos, long doneNanos) {
    }

    @Test
    void theCakeTestOverHttp() throws Exception {
        List<String> viewers = new ArrayList<>();
        for (int v = 0; v < VIEWERS; v++) {
            viewers.add(Tokens.shopper("cake-viewer-" + v + "-" + UUID.randomUUID()));
        }
        press(drop(200), viewers.subList(0, 1_000), 2_000); // warm-up: connections, JIT, the allocator's first rounds
        for (int run = 1; run <= 3; run++) {
            String drop = drop(UNITS);
            List<Answer> answers = press(drop, viewers, 2 * VIEWERS);
            report(run, drop, answers);
        }
    }

    private String drop(int units) throws Exception {
        String channel = created("/api/livestreams/channels", "{\"name\":\"Cakes\",\"kol\":\"Viya\"}");
        String session = created("/api/livestreams/channels/" + channel + "/sessions",
                "{\"title\":\"1,000 cakes\",\"kind\":\"REGULAR\",\"scheduledStart\":\"" + Instant.now() + "\"}");
        Http.send(base(), "POST", "/api/livestreams/sessions/" + session + "/start", operator, null, Map.of());
        return created("/api/livestreams/sessions/" + session + "/drops", """
                {"skuId":"%s","title":"Cake","priceFen":990,"currency":"CNY","quantity":%d,"perViewerLimit":1,"opensAt":"%s"}"""
                .formatted(UUID.randomUUID(), units, Instant.now().minusSeconds(1)));
    }

    private String created(String path, String json) throws Exception {
        HttpResponse<String> response = Http.send(base(), "POST", path, operator, json, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.field(response.body(), "id");
    }

    /** {@code presses} presses spread at random over one second, each viewer in turn, each with a key of its own. */
    private List<Answer> press(String drop, List<String> viewers, int presses) throws InterruptedException {
        Random random = new Random(11);
        long start = System.nanoTime() + 300_000_000L;
        long[] due = new long[presses];
        for (int i = 0; i < presses; i++) {
            due[i] = start + (long) (random.nextDouble() * 1_000_000_000L);
        }
        Arrays.sort(due);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        String body = """
                {"quantity":1,"delivery":{"recipient":"Cake fan","street":"1 Wensan Road","city":"Hangzhou","province":"Zhejiang",
                 "latitude":30.27,"longitude":120.15}}""";
        URI uri = URI.create(base() + "/api/livestreams/drops/" + drop + "/purchases");
        try (var pressing = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < presses; i++) {
                long when = due[i];
                String token = viewers.get(i % viewers.size());
                String key = "press-" + i;
                pressing.submit(() -> {
                    long wait = when - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    inFlight.acquire();
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        answers.add(new Answer(r.statusCode(), when, System.nanoTime()));
                    } catch (java.io.IOException e) {
                        answers.add(new Answer(-1, when, System.nanoTime()));
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        return List.copyOf(answers);
    }

    private void report(int run, String drop, List<Answer> answers) throws Exception {
        long first = answers.stream().mapToLong(Answer::dueNanos).min().orElseThrow();
        long lastDue = answers.stream().mapToLong(Answer::dueNanos).max().orElseThrow();
        Map<Integer, Long> byStatus = new ConcurrentHashMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        long lastGrant = answers.stream().filter(a -> a.status() == 201).mapToLong(Answer::doneNanos).max().orElse(first);
        long[] soldOut = answers.stream().filter(a -> a.status() == 410).mapToLong(a -> (a.doneNanos() - a.dueNanos()) / 1_000).sorted().toArray();
        long[] all = answers.stream().mapToLong(a -> (a.doneNanos() - a.dueNanos()) / 1_000).sorted().toArray();
        AtomicLong lastAnswer = new AtomicLong();
        answers.forEach(a -> lastAnswer.accumulateAndGet(a.doneNanos(), Math::max));
        int granted = Integer.parseInt(Http.field(Http.send(base(), "GET", "/api/livestreams/drops/" + drop, null, null).body(), "granted"));
        System.out.printf("""
                        http cake test, run %d: %d presses due over %.0f ms; answers %s
                          last cake granted %.0f ms after the first press; every press answered after %.0f ms
                          sold-out answers: p50 %.1f ms, p99 %.1f ms; all answers: p50 %.1f ms, p99 %.1f ms; units granted %d
                        """, run, answers.size(), (lastDue - first) / 1e6, byStatus, (lastGrant - first) / 1e6,
                (lastAnswer.get() - first) / 1e6, pct(soldOut, 50), pct(soldOut, 99), pct(all, 50), pct(all, 99), granted);
        assertThat(granted).isEqualTo(UNITS);
        assertThat(byStatus.get(201)).isEqualTo(UNITS);
    }

    private static double pct(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100 * sortedMicros.length) - 1)] / 1000.0;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
