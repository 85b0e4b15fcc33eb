package io.singlesday.launcher;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault switch's refusals, without a stack: nothing is injected for what it does not know. */
class FaultServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void itListsItsTargetsAndRefusesAnyOtherAsAProblem() throws Exception {
        try (FaultServer faults = FaultServer.start(null, () -> java.util.List.of("gateway", "order-service", "order-service-2"), 0)) {
            String base = "http://127.0.0.1:" + faults.port() + "/faults";
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"order-service\"").contains("\"order-service-2\"").contains("\"kafka\"").contains("\"postgres\"");
            for (HttpRequest wrong : new HttpRequest[]{
                    HttpRequest.newBuilder(URI.create(base + "/mysql")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpRequest.newBuilder(URI.create(base + "/order-service")).GET().build()}) {
                HttpResponse<String> refused = http.send(wrong, HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(404);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(refused.body()).contains("\"type\":\"tag:singlesday.dev,2026:problem:not-found\"").contains("\"status\":404")
                        .contains("postgres");
            }
        }
    }
}
