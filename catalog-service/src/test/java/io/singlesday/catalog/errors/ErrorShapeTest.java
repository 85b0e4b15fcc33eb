package io.singlesday.catalog.errors;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.testsupport.RawHttp;
import io.singlesday.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's refusals from every layer have one shape: Tomcat's own (a request line it will not parse, too many
 * headers), the error page (a query Tomcat cannot decode), Spring MVC's (no such path, a body of the wrong
 * shape). Each is problem+json with its status, speaks of the API rather than Java, and quotes no long input.
 */
class ErrorShapeTest extends CatalogIntegrationTest {

    private RawHttp raw() {
        return new RawHttp("127.0.0.1", port, Duration.ofSeconds(10));
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() {
        assertProblem(raw().send("GET", "/api/catalog/products?q=[x]", Map.of(), null), 400);
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            many.put("X-Many-" + i, "v");
        }
        assertProblem(raw().send("GET", "/api/catalog/products", many, null), 400);
    }

    @Test
    void aQueryTomcatCannotDecodeIsAProblemFromTheErrorPage() {
        RawHttp.Answer answer = raw().send("GET", "/api/catalog/products?q=%F0%28%8C%BC", Map.of(), null);
        assertProblem(answer, 400);
        assertThat(answer.body()).doesNotContain("timestamp").doesNotContain("\"error\"");
    }

    @Test
    void aLongPathIsNotEchoedBack() {
        String id = "a".repeat(2_000);
        RawHttp.Answer unknown = raw().send("GET", "/api/catalog/nowhere/" + id,
                Map.of("Authorization", "Bearer " + operator), null);
        assertProblem(unknown, 404);
        assertThat(unknown.body()).contains("No such resource").doesNotContain("a".repeat(200));
        RawHttp.Answer badId = raw().send("GET", "/api/catalog/products/" + id, Map.of(), null);
        assertProblem(badId, 400);
        assertThat(badId.body()).doesNotContain("a".repeat(200));
    }

    @Test
    void aBodyOfTheWrongShapeIsDescribedInTheApisWords() {
        String brand = "Bearer " + Tokens.brand("brand-admin", UUID.randomUUID().toString());
        for (String body : new String[]{"\"hostile\"", "[]", "12", "{\"title\":", "[".repeat(5_000)}) {
            RawHttp.Answer answer = raw().send("PUT", "/api/catalog/brand/products/" + UUID.randomUUID(),
                    Map.of("Authorization", brand, "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).as(body).doesNotContain("io.singlesday").doesNotContain("$")
                    .doesNotContain("Cannot construct").doesNotContain("START_").doesNotContain("Exception");
        }
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.failure()).isNull();
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("<html").doesNotContain("Tomcat");
    }
}
