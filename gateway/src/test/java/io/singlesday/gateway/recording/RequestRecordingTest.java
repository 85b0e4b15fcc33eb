package io.singlesday.gateway.recording;

import com.sun.net.httpserver.HttpServer;
import io.singlesday.localinfra.SigningKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a recording file named, every routed request lands in it as one JSON line: who called (never the token),
 * what, with which key and body, and what came back. The services behind are a real HTTP server that answers 201.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestRecordingTest {

    private static final SigningKey KEY = signingKey();
    private static final Path FILE = file();
    private static final HttpServer SERVICE = service();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        for (String name : List.of("catalog", "orders", "coupons", "livestream", "logistics", "gmv")) {
            registry.add("festival.services." + name, () -> service);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEY.publicKeyPem());
        registry.add("festival.dev-tokens.private-key-location", () -> KEY.privateKeyPem().toString());
        registry.add("festival.gateway.record-file", FILE::toString);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @Test
    void everyRoutedRequestIsRecordedWithItsCallerKeyAndBodyButNeverItsToken() throws Exception {
        String token = send("POST", "/dev/tokens", null, "{\"subject\":\"alice\",\"role\":\"SHOPPER\"}", null).body()
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String order = "{\"lines\":[{\"skuId\":\"x\",\"quantity\":2}]}";
        assertThat(send("POST", "/api/orders", token, order, "midnight-1").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/catalog/products?q=tea&limit=5", null, null, null).statusCode()).isEqualTo(201);

        List<JsonNode> lines = awaitLines(2);
        JsonNode checkout = lines.stream().filter(l -> l.get("method").asString().equals("POST")).findFirst().orElseThrow();
        assertThat(checkout.get("route").asString()).isEqualTo("orders");
        assertThat(checkout.get("path").asString()).isEqualTo("/api/orders");
        assertThat(checkout.get("subject").asString()).isEqualTo("alice");
        assertThat(checkout.get("role").asString()).isEqualTo("SHOPPER");
        assertThat(checkout.get("idempotencyKey").asString()).isEqualTo("midnight-1");
        assertThat(checkout.get("body").asString()).isEqualTo(order);
        assertThat(checkout.get("status").asInt()).isEqualTo(201);
        JsonNode browse = lines.stream().filter(l -> l.get("method").asString().equals("GET")).findFirst().orElseThrow();
        assertThat(browse.get("path").asString()).isEqualTo("/api/catalog/products?q=tea&limit=5");
        assertThat(browse.has("subject")).isFalse();
        assertThat(Files.readString(FILE)).doesNotContain(token).doesNotContain("Bearer");
        assertThat(lines).noneMatch(l -> l.get("path").asString().startsWith("/dev/"));
    }

    private static List<JsonNode> awaitLines(int count) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<String> lines = Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();
            if (lines.size() >= count || System.currentTimeMillis() > deadline) {
                return lines.stream().map(json::readTree).toList();
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file() {
        try {
            return Files.createTempDirectory("recording").resolve("day.ndjson");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SigningKey signingKey() {
        try {
            return SigningKey.ensure(Files.createTempDirectory("gateway-recording-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
