package io.singlesday.launcher.hostile;

import io.singlesday.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The corpus against a running stack: its documents read from each service, tokens minted at the gateway, real
 * ids taken from the seeded catalogue, and every database fingerprinted before and after. Also runnable by hand
 * against {@code ./festival --no-load}: {@code java -cp <test classpath> ...CorpusRun [gateway] [postgres port]}.
 */
public final class CorpusRun {

    public record Outcome(HostileInputCorpus.Report report, List<String> databaseChanges) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The gateway publishes no document of its own yet; its one open write, the demo token issuer, as one. */
    private static final JsonNode GATEWAY_DOCUMENT = JSON.readTree("""
            {"paths": {"/dev/tokens": {"post": {"requestBody": {"content": {"application/json": {"schema": {
              "type": "object", "required": ["subject", "role"],
              "properties": {"subject": {"type": "string"}, "role": {"type": "string", "enum": ["SHOPPER", "BRAND", "OPERATOR"]},
                             "brandId": {"type": "string"}, "ttlMinutes": {"type": "integer", "format": "int32"}}}}}}}}}}
            """);

    private CorpusRun() {
    }

    /** Service module to its own base URL; database names as the local stack creates them. */
    public static Outcome against(String gateway, Map<String, String> services, List<String> databases,
                                  Function<String, String> jdbcUrl, int threads) throws InterruptedException {
        URI uri = URI.create(gateway);
        RawHttp http = new RawHttp(uri.getHost(), uri.getPort(), Duration.ofSeconds(20));
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        services.forEach((service, url) -> {
            URI base = URI.create(url);
            RawHttp direct = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(20));
            documents.put(service, json(direct.send("GET", "/v3/api-docs", Map.of(), null)));
        });
        documents.put("gateway", GATEWAY_DOCUMENT);
        JsonNode product = json(http.send("GET", "/api/catalog/products?limit=1", Map.of(), null)).path("items").path(0);
        JsonNode detail = json(http.send("GET", "/api/catalog/products/" + product.path("id").asString(), Map.of(), null));
        HostileCases.Seeds seeds = HostileInputCorpus.seeds(detail.path("id").asString(),
                detail.path("skus").path(0).path("id").asString(), detail.path("brandId").asString(),
                detail.path("storeId").asString(), detail.path("categoryId").asLong());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("SHOPPER", token(http, "{\"subject\":\"hostile-shopper\",\"role\":\"SHOPPER\"}"));
        tokens.put("BRAND", token(http, "{\"subject\":\"hostile-brand\",\"role\":\"BRAND\",\"brandId\":\""
                + seeds.brandId() + "\"}"));
        tokens.put("OPERATOR", token(http, "{\"subject\":\"hostile-operator\",\"role\":\"OPERATOR\"}"));

        Map<String, String> before = settled(databases, jdbcUrl);
        HostileInputCorpus.Report report = new HostileInputCorpus(uri.getHost(), uri.getPort(), tokens, seeds, threads)
                .run(documents);
        // Anything a refused request started would show within a relay's and a consumer's turn.
        sleep(3_000);
        List<String> changes = DatabaseFingerprint.changes(before, DatabaseFingerprint.take(databases, jdbcUrl));
        return new Outcome(report, changes);
    }

    /** A fingerprint taken once two in a row agree: the stack is quiet before the corpus starts. */
    private static Map<String, String> settled(List<String> databases, Function<String, String> jdbcUrl) {
        Map<String, String> last = DatabaseFingerprint.take(databases, jdbcUrl);
        for (int i = 0; i < 20; i++) {
            sleep(1_500);
            Map<String, String> now = DatabaseFingerprint.take(databases, jdbcUrl);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the databases never settled: " + last);
    }

    private static String token(RawHttp http, String request) {
        JsonNode issued = json(http.send("POST", "/dev/tokens", Map.of("Content-Type", "application/json"),
                request.getBytes(StandardCharsets.UTF_8)));
        return issued.path("token").asString();
    }

    private static JsonNode json(RawHttp.Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("set-up call answered " + answer.status() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int postgres = args.length > 1 ? Integer.parseInt(args[1]) : 15432;
        Map<String, String> services = new LinkedHashMap<>();
        List<String> databases = new ArrayList<>();
        String[][] known = {{"catalog-service", "8081", "catalog"}, {"order-service", "8082", "orders"},
                {"coupon-service", "8083", "coupons"}, {"livestream-service", "8084", "livestream"},
                {"logistics-service", "8085", "logistics"}, {"gmv-counter-service", "8086", "gmv"}};
        for (String[] s : known) {
            services.put(s[0], "http://127.0.0.1:" + s[1]);
            databases.add(s[2]);
        }
        Outcome outcome = against(gateway, services, databases,
                db -> "jdbc:postgresql://127.0.0.1:" + postgres + "/" + db, 3);
        outcome.report().findings().forEach(f -> System.out.println("  " + f));
        System.out.println("database changes: " + outcome.databaseChanges());
        System.out.println(outcome.report().summary());
    }
}
