package io.singlesday.gateway;

import io.singlesday.localinfra.SigningKey;
import io.singlesday.testsupport.Http;
import io.singlesday.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway alone, with every service address pointing at a closed port: what it answers by itself
 * (health, tokens, 401, 404, 503) must hold even when nothing stands behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTest {

    private static final SigningKey KEY = signingKey();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String nowhere = "http://127.0.0.1:" + closedPort();
        registry.add("festival.services.catalog", () -> nowhere);
        registry.add("festival.services.orders", () -> nowhere);
        registry.add("festival.services.coupons", () -> nowhere);
        registry.add("festival.services.livestream", () -> nowhere);
        registry.add("festival.services.logistics", () -> nowhere);
        registry.add("festival.services.gmv", () -> nowhere);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEY.publicKeyPem());
        registry.add("festival.dev-tokens.private-key-location", () -> KEY.privateKeyPem().toString());
    }

    @Test
    void answersHealthAndGivesEveryResponseARequestId() throws Exception {
        HttpResponse<String> health = call("GET", "/actuator/health/liveness", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("X-Request-Id")).isPresent();
        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))
                .header("X-Request-Id", "trace-me-42").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
        HttpResponse<String> services = call("GET", "/actuator/health/services", null, null);
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.body()).contains("\"catalog\":\"DOWN\"").contains("DEGRADED");
    }

    @Test
    void theFallbackIsNotReachableFromOutsideAndMetricsAreForOperators() throws Exception {
        assertProblem(call("GET", "/fallback/orders", null, null), 404);
        assertProblem(call("POST", "/fallback/catalog", null, "{}"), 404);
        String shopper = devToken("{\"subject\":\"alice\",\"role\":\"SHOPPER\"}");
        assertProblem(call("GET", "/actuator/metrics", shopper, null), 403);
        assertProblem(call("GET", "/actuator/metrics", null, null), 401);
        String operator = devToken("{\"subject\":\"ops\",\"role\":\"OPERATOR\"}");
        assertThat(call("GET", "/actuator/metrics", operator, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
    }

    /** A client's first stop: one Swagger UI over every service's document, all readable without a token. */
    @Test
    void theApiDocumentsAndOneSwaggerUiOverThemAreOpenToAnonymousCallers() throws Exception {
        HttpResponse<String> config = call("GET", "/v3/api-docs/swagger-config", null, null);
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        for (String service : java.util.List.of("catalog", "orders", "coupons", "livestreams", "logistics", "gmv")) {
            assertThat(config.body()).contains("\"url\":\"/api-docs/" + service + "\"");
            // The services are down here: the document's route answers as its service's routes do, not with a 401.
            assertProblem(call("GET", "/api-docs/" + service, null, null), 503);
        }
        HttpResponse<String> ui = call("GET", "/swagger-ui.html", null, null);
        assertThat(ui.statusCode()).as("the UI or a redirect to it").isIn(200, 302);
        if (ui.statusCode() == 302) {
            String location = ui.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> page = call("GET", java.net.URI.create(location).getPath(), null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("swagger");
        }
    }

    @Test
    void unknownRoutesAndMissingTokensAreProblems() throws Exception {
        String token = devToken("{\"subject\":\"alice\",\"role\":\"SHOPPER\"}");
        assertProblem(call("GET", "/api/unknown/thing", token, null), 404);
        assertProblem(call("GET", "/api/orders/mine", null, null), 401);
        assertProblem(call("GET", "/api/orders/mine", "Bearer.garbage.token", null), 401);
    }

    /**
     * What Netty cannot decode and what the security firewall turns away never reach a route or a filter; they are
     * answered as problem+json all the same, naming the status and quoting nothing of the request.
     */
    @Test
    void requestsRefusedBeforeRoutingAreProblemsToo() {
        RawHttp raw = new RawHttp("127.0.0.1", port, java.time.Duration.ofSeconds(5));
        java.util.Map<String, String> none = java.util.Map.of();
        assertRawProblem(raw.send("GET", "/api/catalog/products?q=" + "x".repeat(20_000), none, null), 414);
        assertRawProblem(raw.send("GET", "/api/catalog/products", java.util.Map.of("X-Filler", "x".repeat(40_000)), null), 431);
        assertRawProblem(raw.send("GET", "/api/catalog/products/%ZZ", none, null), 400);
        assertRawProblem(raw.send("GET", "/api/catalog/products?q=%ZZ", none, null), 400);
        assertRawProblem(raw.send("GET", "/api/catalog/../actuator/env", none, null), 400);
        assertRawProblem(raw.send("GET", "/api/catalog/products/%00", none, null), 400);
        assertRawProblem(raw.send("GET", "/api/catalog/products;jsessionid=1", none, null), 400);
        assertRawProblem(raw.send("BREW", "/api/catalog/products", none, null), 400);
        assertRawProblem(raw.send("GET", "/api/catalog/products", java.util.Map.of("X-Test", "a\u0001b"), null), 400);
        assertRawProblem(raw.sendBytes("GET /api/catalog/products\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 400);
        assertRawProblem(raw.sendBytes(("POST /dev/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 400);
        // A request that decodes fine is still served on a fresh connection after all of these.
        assertThat(raw.send("GET", "/actuator/health/liveness", none, null).status()).isEqualTo(200);
    }

    private static void assertRawProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.failure()).isNull();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("xxxxxxxxxx");
    }

    /**
     * Reactor Netty 1.3.6 stalled a keep-alive connection after an answer that completed synchronously, such as this
     * refusal of a malformed token (reactor/reactor-netty#4361): the next request on it hung, so the gateway used to
     * close the connection after each of its own refusals. With 1.3.8 the connection stays usable: a second request
     * on the same socket is answered.
     */
    @Test
    void aRefusalKeepsTheConnectionUsableForTheNextRequest() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            out.write(("GET /api/orders/mine HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer forged.token.value\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String refused = readOneAnswer(in);
            assertThat(refused).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("connection: close").contains("\"status\":401");
            out.write("GET /actuator/health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(readOneAnswer(in)).as("the next request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    /** One HTTP/1.1 answer with a Content-Length or chunked body, read off a kept-alive connection. */
    private static String readOneAnswer(java.io.BufferedInputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        StringBuilder body = new StringBuilder();
        if (length.find()) {
            body.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            while (true) {
                StringBuilder size = new StringBuilder();
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        throw new java.io.EOFException("connection closed in a chunked body");
                    }
                    size.append((char) b);
                }
                int n = Integer.parseInt(size.toString().trim(), 16);
                body.append(new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8));
                in.readNBytes(2);
                if (n == 0) {
                    break;
                }
            }
        }
        return head + body.toString();
    }

    @Test
    void aServiceThatIsDownIsAPrompt503NotAHang() throws Exception {
        String token = devToken("{\"subject\":\"alice\",\"role\":\"SHOPPER\"}");
        long started = System.nanoTime();
        HttpResponse<String> down = call("GET", "/api/orders/mine", token, null);
        assertProblem(down, 503);
        assertThat(down.body()).contains("order-service");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
        // Anonymous browsing is let through to the catalog, which is down too.
        assertProblem(call("GET", "/api/catalog/products", null, null), 503);
        // So is looking at what is on sale and which coupons run; claiming one is not.
        assertProblem(call("GET", "/api/coupons/promotions/flash-sales", null, null), 503);
        assertProblem(call("GET", "/api/coupons/campaigns", null, null), 503);
        assertProblem(call("POST", "/api/coupons/campaigns/" + java.util.UUID.randomUUID() + "/claims", null, null), 401);
    }

    @Test
    void devTokensValidateTheirInput() throws Exception {
        assertProblem(call("POST", "/dev/tokens", null, "{\"subject\":\"x\",\"role\":\"KING\"}"), 400);
        HttpResponse<String> noBrand = call("POST", "/dev/tokens", null, "{\"subject\":\"x\",\"role\":\"BRAND\"}");
        assertProblem(noBrand, 400);
        assertThat(noBrand.body()).contains("brandId");
        HttpResponse<String> badSubject = call("POST", "/dev/tokens", null, "{\"subject\":\"a b\",\"role\":\"SHOPPER\"}");
        assertProblem(badSubject, 400);
        assertThat(badSubject.body()).contains("subject");
        assertThat(devToken("{\"subject\":\"acme-admin\",\"role\":\"BRAND\",\"brandId\":\"acme\"}")).contains(".");
    }

    private String devToken(String body) throws Exception {
        HttpResponse<String> response = call("POST", "/dev/tokens", null, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        Http.assertProblem(response, status);
    }

    private static SigningKey signingKey() {
        try {
            return SigningKey.ensure(Files.createTempDirectory("gateway-test-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
