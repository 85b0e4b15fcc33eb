package io.singlesday.gateway;

import com.sun.net.httpserver.HttpServer;
import io.singlesday.localinfra.SigningKey;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.identity.TokenMinter;
import io.singlesday.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service behind the gateway receives: the caller's token, a request id, and the trace context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTracingTest {

    private static final SigningKey KEY = key();
    private static final Map<String, String> seen = new ConcurrentHashMap<>();
    private static final HttpServer upstream = upstream();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("festival.services.orders", () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEY.publicKeyPem());
    }

    @AfterAll
    static void stop() {
        upstream.stop(0);
    }

    @Test
    void aServiceReceivesTheTokenARequestIdAndTheTraceContext() throws Exception {
        String token = TokenMinter.fromPem(KEY.privateKeyPem()).mint("alice", Role.SHOPPER, null, Duration.ofMinutes(5));
        String base = "http://127.0.0.1:" + port;

        assertThat(Http.send(base, "GET", "/api/orders/mine", token, null).statusCode()).isEqualTo(200);
        assertThat(seen.get("authorization")).isEqualTo("Bearer " + token);
        assertThat(seen.get("x-request-id")).isNotBlank();
        assertThat(seen.get("traceparent")).as("the gateway starts a trace when the caller has none")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

        seen.clear();
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Http.send(base, "GET", "/api/orders/mine", token, null,
                Map.of("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-01", "X-Request-Id", "req-42"));
        assertThat(seen.get("traceparent")).as("the caller's trace continues").startsWith("00-" + callerTrace + "-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(seen.get("x-request-id")).isEqualTo("req-42");
    }

    private static HttpServer upstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.getFirst()));
                byte[] body = "{}".getBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
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

    private static SigningKey key() {
        try {
            return SigningKey.ensure(Files.createTempDirectory("gateway-tracing-key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
