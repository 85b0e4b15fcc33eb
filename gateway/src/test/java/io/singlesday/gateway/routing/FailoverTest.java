package io.singlesday.gateway.routing;

import com.sun.net.httpserver.HttpServer;
import io.singlesday.localinfra.SigningKey;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.identity.TokenMinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service behind one route, as {@code ./festival --replicas 2} runs them, one of them failing: a
 * stopped instance (its port refuses connections) or one that dies under a request (it reads the request and closes
 * the connection without answering). What could be repeated is answered by the other instance; a write without an
 * Idempotency-Key that reached the dying instance is not sent again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FailoverTest {

    private static final SigningKey KEY = key();
    /** What the live instance served: path to the bodies it received. */
    private static final Map<String, List<String>> served = new ConcurrentHashMap<>();
    /** Paths the dying instance read before it closed the connection. */
    private static final List<String> dropped = new CopyOnWriteArrayList<>();
    private static final HttpServer live = live();
    private static final ServerSocket dying = dying();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String liveUrl = "http://127.0.0.1:" + live.getAddress().getPort();
        String stopped = "http://127.0.0.1:" + closedPort();
        String dyingUrl = "http://127.0.0.1:" + dying.getLocalPort();
        registry.add("festival.services.catalog", () -> stopped + "," + liveUrl);
        registry.add("festival.services.orders", () -> liveUrl + ", " + stopped);
        registry.add("festival.services.coupons", () -> dyingUrl + "," + liveUrl);
        registry.add("festival.services.logistics", () -> dyingUrl + "," + liveUrl);
        registry.add("festival.services.livestream", () -> dyingUrl + "," + liveUrl);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEY.publicKeyPem());
        // Instances rest a millisecond here, not 2 s: each request meets the round robin afresh, so both kinds of
        // request meet the dying instance (RestingInstancesTest has the rest itself).
        registry.add("festival.gateway.failover.rest", () -> "1ms");
    }

    @AfterAll
    static void stop() throws IOException {
        live.stop(0);
        dying.close();
    }

    @Test
    void aStoppedInstanceCostsNoRequestReadsOrWritesKeyedOrNot() throws Exception {
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> read = send("GET", "/api/catalog/probe-read-" + i, null, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            HttpResponse<String> write = send("POST", "/api/orders/probe-write-" + i, null, "{\"n\":" + i + "}");
            assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
            assertThat(served.get("/api/orders/probe-write-" + i)).containsExactly("{\"n\":" + i + "}");
        }
    }

    @Test
    void aRequestLostWithADyingInstanceIsRepeatedOnlyWhenItIsSafeToRepeat() throws Exception {
        int lostKeyless = 0;
        int repeated = 0;
        for (int i = 0; i < 8; i++) {
            String keyed = "/api/coupons/probe-keyed-" + i;
            HttpResponse<String> answer = send("POST", keyed, "key-" + i, "{\"k\":" + i + "}");
            assertThat(answer.statusCode()).as(keyed + ": " + answer.body()).isEqualTo(200);
            assertThat(served.get(keyed)).as("served once, with its body").containsExactly("{\"k\":" + i + "}");
            repeated += dropped.contains(keyed) ? 1 : 0;

            String read = "/api/livestreams/probe-read-" + i;
            assertThat(send("GET", read, null, null).statusCode()).isEqualTo(200);
            assertThat(served.get(read)).hasSize(1);

            String keyless = "/api/logistics/probe-keyless-" + i;
            HttpResponse<String> unkeyed = send("POST", keyless, null, "{}");
            if (dropped.contains(keyless)) {
                lostKeyless++;
                assertThat(unkeyed.statusCode()).as("it may have been done: not sent again").isEqualTo(503);
                assertThat(unkeyed.headers().firstValue("Retry-After")).isPresent();
                assertThat(served).doesNotContainKey(keyless);
            } else {
                assertThat(unkeyed.statusCode()).isEqualTo(200);
            }
        }
        // Round robin over two instances: about half of each kind met the dying one first. (Each kind on a route of its
        // own: the keyless losses would otherwise open the route's circuit breaker, rightly, and refuse the rest.)
        assertThat(repeated).as("keyed writes that met the dying instance and were answered by the other").isPositive();
        assertThat(lostKeyless).as("keyless writes that met the dying instance").isPositive();
    }

    /** Operators see each service's instances that answer, and how often a supervisor restarted them. */
    @Test
    void theServicesHealthCountsInstancesAndTheirRestarts() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health/services", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("DEGRADED").contains("\"catalog\":\"1 of 2 UP\"").contains("\"orders\":\"1 of 2 UP\"")
                .contains("\"coupons\":\"1 of 2 UP\"").contains("\"restarts\":{").contains("\"catalog\":2");
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        String token = TokenMinter.fromPem(KEY.privateKeyPem()).mint("alice", Role.SHOPPER, null, Duration.ofMinutes(5));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer live() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/actuator/health/readiness", exchange -> {
                byte[] answer = "{\"status\":\"UP\",\"components\":{\"process\":{\"status\":\"UP\",\"details\":{\"restarts\":2}}}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                served.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>()).add(body);
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads each request's head, notes its path, and closes the connection: a process killed under a request. */
    private static ServerSocket dying() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        String requestLine = readHead(connection.getInputStream());
                        if (requestLine != null) {
                            dropped.add(requestLine.split(" ")[1]);
                        }
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                return head.substring(0, head.indexOf("\r\n"));
            }
        }
        return null;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SigningKey key() {
        try {
            return SigningKey.ensure(Files.createTempDirectory("gateway-failover-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
