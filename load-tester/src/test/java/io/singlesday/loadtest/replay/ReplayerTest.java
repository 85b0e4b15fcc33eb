package io.singlesday.loadtest.replay;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Against a real HTTP server standing in for the gateway: what arrives, when, and with which headers. */
class ReplayerTest {

    private record Arrival(long nanos, String method, String path, String authorization, String key, String prefer,
                           String contentType, String body) {
    }

    private static final String RECORDING = """
            {"v":1,"at":"2026-11-10T16:00:00.000Z","route":"catalog","method":"GET","path":"/api/catalog/products?q=tea","status":200}
            {"v":1,"at":"2026-11-10T16:00:00.500Z","route":"orders","method":"POST","path":"/api/orders","subject":"alice","role":"SHOPPER","idempotencyKey":"k-1","prefer":"wait=10","contentType":"application/json","body":"{\\"lines\\":[]}","status":200}
            {"v":1,"at":"2026-11-10T16:00:01.000Z","route":"orders","method":"POST","path":"/api/orders","subject":"alice","role":"SHOPPER","idempotencyKey":"k-1","contentType":"application/json","body":"{\\"lines\\":[]}","status":200}
            {"v":1,"at":"2026-11-10T16:00:02.000Z","route":"gmv","method":"GET","path":"/api/gmv/summary","subject":"ops","role":"OPERATOR","status":200}
            """;

    private HttpServer server;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensMinted = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer;
            if (exchange.getRequestURI().getPath().equals("/dev/tokens")) {
                tokensMinted.incrementAndGet();
                String subject = body.replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1");
                answer = ("{\"token\":\"tok-" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
            } else {
                var h = exchange.getRequestHeaders();
                arrivals.add(new Arrival(System.nanoTime(), exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        h.getFirst("Authorization"), h.getFirst("Idempotency-Key"), h.getFirst("Prefer"),
                        h.getFirst("Content-Type"), body));
                answer = "{}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private Path file(String text) throws IOException {
        Path file = dir.resolve("day.ndjson");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void replaysAtTheAskedSpeedKeepingRelativeTimingKeysBodiesAndCallers() throws Exception {
        RecordingReader.Recording recording = RecordingReader.read(file(RECORDING), RecordingReader.BadLines.STOP);
        List<Replayer.Sent> sent = new Replayer(target(), 2).replay(recording.requests());

        assertThat(sent).hasSize(4).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
        List<Arrival> inOrder = arrivals.stream().sorted((a, b) -> Long.compare(a.nanos(), b.nanos())).toList();
        double first = inOrder.getFirst().nanos();
        // Recorded 0, 0.5, 1 and 2 s apart; at 2x they arrive 0, 0.25, 0.5 and 1 s apart.
        assertThat((inOrder.get(1).nanos() - first) / 1e9).isCloseTo(0.25, within(0.15));
        assertThat((inOrder.get(2).nanos() - first) / 1e9).isCloseTo(0.5, within(0.15));
        assertThat((inOrder.get(3).nanos() - first) / 1e9).isCloseTo(1.0, within(0.15));

        assertThat(inOrder.get(0).authorization()).isNull();
        assertThat(inOrder.get(0).path()).isEqualTo("/api/catalog/products?q=tea");
        assertThat(inOrder.get(1).authorization()).isEqualTo("Bearer tok-alice");
        assertThat(inOrder.get(1).key()).isEqualTo("k-1");
        assertThat(inOrder.get(2).key()).as("a retry is replayed as the same retry").isEqualTo("k-1");
        assertThat(inOrder.get(1).prefer()).isEqualTo("wait=10");
        assertThat(inOrder.get(1).contentType()).isEqualTo("application/json");
        assertThat(inOrder.get(1).body()).isEqualTo("{\"lines\":[]}");
        assertThat(inOrder.get(3).authorization()).isEqualTo("Bearer tok-ops");
        assertThat(tokensMinted.get()).as("one token per caller").isEqualTo(2);

        String summary = ReplaySummary.markdown(sent, 2);
        assertThat(summary).contains("| POST /api/orders | 2 | 2 |").contains("| GET /api/catalog/products | 1 |")
                .contains("0 server errors");
    }

    @Test
    void aMalformedLineStopsTheReadNamingItOrIsSkippedWhenAsked() throws Exception {
        String broken = RECORDING.replace("{\"v\":1,\"at\":\"2026-11-10T16:00:01.000Z\"", "{\"v\":1,\"at\":\"yesterday\"");
        Path file = file(broken);
        assertThatThrownBy(() -> RecordingReader.read(file, RecordingReader.BadLines.STOP))
                .hasMessageStartingWith("line 3:").hasMessageContaining("ISO instant");
        RecordingReader.Recording skipping = RecordingReader.read(file, RecordingReader.BadLines.SKIP);
        assertThat(skipping.requests()).hasSize(3);
        assertThat(skipping.skipped()).singleElement().asString().startsWith("line 3:");

        new Replayer(target(), 100).replay(skipping.requests());
        assertThat(arrivals).hasSize(3);
    }

    @Test
    void aTruncatedFileAndLinesThatCannotBeSentAreRefused() throws Exception {
        String truncated = RECORDING + "{\"v\":1,\"at\":\"2026-11-10T16:00:03Z\",\"method\":\"PO";
        assertThatThrownBy(() -> RecordingReader.read(file(truncated), RecordingReader.BadLines.STOP))
                .hasMessage("line 5: truncated (the file ends inside this line)");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING + "not json\n"), RecordingReader.BadLines.STOP))
                .hasMessageStartingWith("line 5: not JSON");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING.replace("\"GET\"", "\"TRACE\"")), RecordingReader.BadLines.STOP))
                .hasMessageContaining("unknown method TRACE");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING.replace("/api/gmv/summary", "http://elsewhere/x")),
                RecordingReader.BadLines.STOP)).hasMessageContaining("path must start with /api/");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING.replace("\"role\":\"OPERATOR\"", "\"role\":\"KING\"")),
                RecordingReader.BadLines.STOP)).hasMessageContaining("role");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING.replace("\"v\":1,\"at\":\"2026-11-10T16:00:02",
                "\"v\":1,\"bodyTruncated\":true,\"at\":\"2026-11-10T16:00:02")), RecordingReader.BadLines.STOP))
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> RecordingReader.read(file(RECORDING.replace("\"v\":1", "\"v\":2")), RecordingReader.BadLines.STOP))
                .hasMessageContaining("unknown recording version");
        assertThat(arrivals).isEmpty();
    }

    @Test
    void speedsOutOfRangeAreRefusedWithTheRange() {
        assertThatThrownBy(() -> new Replayer(target(), 0)).hasMessageContaining("between 0.01");
        assertThatThrownBy(() -> new Replayer(target(), 5_000)).hasMessageContaining("1,000");
        assertThatThrownBy(() -> new Replayer(target(), Double.NaN)).hasMessageContaining("speed");
    }
}
