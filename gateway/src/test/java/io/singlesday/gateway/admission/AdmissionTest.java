package io.singlesday.gateway.admission;

import com.sun.net.httpserver.HttpServer;
import io.singlesday.localinfra.SigningKey;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission with a forced small limit (4 per service, fixed; reads keep a quarter, checkouts half) in front of a
 * service that holds every request until the test lets it go: the request over the limit is shed at once with 429
 * and a Retry-After and never reaches the service, while a checkout still gets in because its share is untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "festival.gateway.admission.algorithm=fixed", "festival.gateway.admission.initial-limit=4",
        "festival.gateway.admission.min-limit=1", "festival.gateway.admission.max-limit=4",
        "festival.gateway.admission.checkout-share=0.5", "festival.gateway.admission.write-share=0.25",
        "festival.gateway.admission.read-share=0.25"})
class AdmissionTest {

    private static final SigningKey KEY = signingKey();
    private static final Queue<String> arrived = new ConcurrentLinkedQueue<>();
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static final HttpServer service = heldService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String held = "http://127.0.0.1:" + service.getAddress().getPort();
        for (String s : List.of("catalog", "orders", "coupons", "livestream", "logistics", "gmv")) {
            registry.add("festival.services." + s, () -> held);
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEY.publicKeyPem());
        registry.add("festival.dev-tokens.private-key-location", () -> KEY.privateKeyPem().toString());
    }

    @AfterEach
    void letEverythingGo() {
        release.countDown();
        release = new CountDownLatch(1);
        arrived.clear();
    }

    @AfterAll
    static void stopTheService() {
        release.countDown();
        service.stop(0);
    }

    @Test
    void overTheLimitAReadIsShedAtOnceWithRetryAfterAndNeverReachesTheService() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(async("GET", "/api/catalog/products?q=held-" + i, null, null));
        }
        awaitArrivals(4);

        long started = System.nanoTime();
        HttpResponse<String> shed = call("GET", "/api/catalog/products?q=one-too-many", null, null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Http.assertProblem(shed, 429);
        assertThat(shed.headers().firstValue("Retry-After")).get().matches(v -> Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 2);
        assertThat(shed.body()).contains("catalog").contains("Retry after");
        assertThat(millis).as("a shed answer does not wait for the held ones").isLessThan(2_000);
        // A shed request changed nothing: the service never saw it.
        Thread.sleep(200);
        assertThat(arrived).hasSize(4).noneMatch(a -> a.contains("one-too-many"));

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> h : held) {
            assertThat(h.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        // Capacity back: the next read gets in.
        assertThat(call("GET", "/api/catalog/products?q=later", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void whenReadsFillTheLimitACheckoutStillGetsInAndAnotherReadDoesNot() throws Exception {
        String shopper = devToken();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(async("GET", "/api/orders/mine?page=" + i, shopper, null));
        }
        awaitArrivals(4);
        Http.assertProblem(call("GET", "/api/orders/mine?page=shed", shopper, null), 429);
        // Paying comes first: its share of the limit is untouched, so it is admitted past the readers.
        CompletableFuture<HttpResponse<String>> checkout = async("POST", "/api/orders", shopper, "{\"lines\":[]}");
        awaitArrivals(5);
        assertThat(arrived).anyMatch(a -> a.startsWith("POST /api/orders"));
        // Other writes have a share of one: the first is admitted, the second over it is shed.
        CompletableFuture<HttpResponse<String>> cart = async("PUT", "/api/orders/cart/items/x", shopper, "{\"quantity\":1}");
        awaitArrivals(6);
        Http.assertProblem(call("PUT", "/api/orders/cart/items/y", shopper, "{\"quantity\":1}"), 429);

        release.countDown();
        assertThat(checkout.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(cart.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> h : held) {
            assertThat(h.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void operatorsReadTheLimitsAndTheShedCounts() throws Exception {
        Http.assertProblem(call("GET", "/api/gateway/admission", devToken(), null), 403);
        String ops = Http.send("http://127.0.0.1:" + port, "POST", "/dev/tokens", null,
                "{\"subject\":\"ops\",\"role\":\"OPERATOR\"}").body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> view = call("GET", "/api/gateway/admission", ops, null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\"algorithm\":\"fixed\"").contains("\"catalog\":{\"limit\":4");
    }

    private void awaitArrivals(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (arrived.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(arrived).hasSize(count);
    }

    private String devToken() throws Exception {
        return Http.send("http://127.0.0.1:" + port, "POST", "/dev/tokens", null, "{\"subject\":\"alice\",\"role\":\"SHOPPER\"}")
                .body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private CompletableFuture<HttpResponse<String>> async(String method, String path, String token, String json) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(method, path, token, json);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json);
    }

    /** A service that answers 200 to anything, but only once the test releases it. */
    private static HttpServer heldService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                arrived.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.getRequestBody().readAllBytes();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "{}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SigningKey signingKey() {
        try {
            return SigningKey.ensure(Files.createTempDirectory("gateway-admission-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
