package io.singlesday.testsupport;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.clock.FestivalClock;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.identity.TokenMinter;
import io.singlesday.localinfra.SigningKey;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service of the platform promises, whatever its domain: probes, metrics and API docs; tokens
 * verified by the service itself; problem+json for every client error; the festival clock shared over Kafka;
 * unreadable records dead-lettered while the consumer keeps going; its own schema migrated by Flyway.
 * Each service runs this against the real engines by extending it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PlatformServiceContract {

    @LocalServerPort
    protected int port;

    @Autowired
    protected FestivalClock festivalClock;

    @Autowired
    protected JdbcTemplate jdbc;

    /** Where the service's API lives, e.g. {@code /api/catalog}. */
    protected abstract String apiBase();

    @Test
    void probesMetricsAndApiDocsAnswerWithoutAToken() throws Exception {
        assertThat(get("/actuator/health/liveness", null).body()).contains("\"UP\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\"");
        assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"").contains(apiBase() + "/whoami");
    }

    /** What a generated client needs: a real title, the gateway as server, the bearer scheme and where it applies. */
    @Test
    void theApiDocumentTellsAClientHowToCallIt() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        tools.jackson.databind.JsonNode docs = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        assertThat(docs.at("/info/title").asString()).startsWith("Singles' Day ").endsWith(" API");
        assertThat(docs.at("/servers/0/url").asString()).isEqualTo("http://localhost:8080");
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/components/securitySchemes/bearer/bearerFormat").asString()).isEqualTo("JWT");
        tools.jackson.databind.JsonNode whoami = docs.at("/paths/" + (apiBase() + "/whoami").replace("/", "~1") + "/get");
        assertThat(whoami.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        // Every operation declares the refusals a client must handle, as problem+json, with Retry-After where it applies.
        assertThat(docs.at("/components/schemas/Problem/required").toString()).contains("\"type\"").contains("\"status\"");
        int operations = 0;
        for (var path : docs.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String where = operation.getKey() + " " + path.getKey();
                tools.jackson.databind.JsonNode responses = operation.getValue().path("responses");
                for (String status : List.of("400", "429", "503")) {
                    assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asString())
                            .as(where + " " + status).isEqualTo("#/components/schemas/Problem");
                }
                assertThat(responses.at("/429/headers/Retry-After/$ref").asString()).as(where).isEqualTo("#/components/headers/Retry-After");
                if (!operation.getValue().path("security").isEmpty()) {
                    assertThat(responses.has("401")).as(where + " needs a token, so it can answer 401").isTrue();
                }
                operations++;
            }
        }
        assertThat(operations).isPositive();
        tools.jackson.databind.JsonNode clock = docs.at("/paths/~1api~1clock/get");
        if (!clock.isMissingNode()) {
            // No requirement at the top of the document, so none on the operation means anonymous.
            assertThat(clock.path("security").isMissingNode() || clock.path("security").isEmpty())
                    .as("anyone may read the clock: " + clock.path("security")).isTrue();
        }
    }

    /** The document the generated client (api-client) is built from is the one served; see {@link ApiDocumentSnapshot}. */
    @Test
    void theGeneratedClientIsBuiltFromTheDocumentServed() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String name = apiBase().substring(apiBase().lastIndexOf('/') + 1);
        String served = ApiDocumentSnapshot.canonical(response.body());
        java.nio.file.Path kept = ApiDocumentSnapshot.kept(name);
        String keptDocument = Files.exists(kept) ? Files.readString(kept, StandardCharsets.UTF_8) : "";
        if (!served.equals(keptDocument)) {
            java.nio.file.Path written = ApiDocumentSnapshot.served(name, served);
            assertThat(served).as("The API changed: review " + written + " and copy it to " + kept
                    + " so the generated client follows").isEqualTo(keptDocument);
        }
    }

    @Test
    void theServiceVerifiesTokensItself() throws Exception {
        HttpResponse<String> me = get(apiBase() + "/whoami", Tokens.brand("brand-user-1", "brand-42"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"subject\":\"brand-user-1\"").contains("\"BRAND\"").contains("brand-42");

        assertUnauthorized(get(apiBase() + "/whoami", null));
        assertUnauthorized(get(apiBase() + "/whoami", "not-a-jwt"));
        TokenMinter stranger = TokenMinter.fromPem(
                SigningKey.ensure(Files.createTempDirectory("stranger-key")).privateKeyPem());
        assertUnauthorized(get(apiBase() + "/whoami", stranger.mint("mallory", Role.OPERATOR, null, Duration.ofMinutes(5))));
        String expired = Tokens.minter().mint("late", Role.SHOPPER, null,
                java.time.Instant.now().minus(Duration.ofMinutes(10)), Duration.ofMinutes(5));
        assertUnauthorized(get(apiBase() + "/whoami", expired));
    }

    @Test
    void clientErrorsAreProblemDocuments() throws Exception {
        HttpResponse<String> unknown = get(apiBase() + "/no-such-thing", Tokens.shopper("s1"));
        assertProblem(unknown, 404);
        assertThat(unknown.headers().firstValue("X-Request-Id")).isPresent();

        HttpResponse<String> wrongRole = send("PUT", "/api/clock", Tokens.shopper("s1"),
                "{\"festivalTime\":\"2026-11-10T23:55:00+08:00\",\"speed\":60}");
        assertProblem(wrongRole, 403);

        HttpResponse<String> malformed = send("PUT", "/api/clock", Tokens.operator("op"), "{\"festivalTime\": ");
        assertProblem(malformed, 400);

        HttpResponse<String> wrongType = send("PUT", "/api/clock", Tokens.operator("op"),
                "{\"festivalTime\":\"2026-11-10T23:55:00+08:00\",\"speed\":\"fast\"}");
        assertProblem(wrongType, 400);
        assertThat(wrongType.body()).contains("speed");

        HttpResponse<String> missing = send("PUT", "/api/clock", Tokens.operator("op"), "{\"speed\":60}");
        assertProblem(missing, 400);
        assertThat(missing.body()).contains("festivalTime");

        HttpResponse<String> huge = send("PUT", "/api/clock", Tokens.operator("op"),
                "{\"festivalTime\":\"" + "9".repeat(2 * 1024 * 1024) + "\"}");
        assertProblem(huge, 413);

        HttpResponse<String> tooFast = send("PUT", "/api/clock", Tokens.operator("op"),
                "{\"festivalTime\":\"2026-11-10T23:55:00+08:00\",\"speed\":100000}");
        assertProblem(tooFast, 400);
        assertThat(tooFast.body()).contains("speed");
    }

    @Test
    void anOperatorSetsTheFestivalClockForEveryInstanceThroughKafka() throws Exception {
        OffsetDateTime eve = OffsetDateTime.of(2026, 11, 10, 23, 55, 0, 0, ZoneOffset.ofHours(8));
        HttpResponse<String> set = send("PUT", "/api/clock", Tokens.operator("ops-lead"),
                "{\"festivalTime\":\"" + eve + "\",\"speed\":60}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"phase\":\"BEFORE\"").contains("\"setBy\":\"ops-lead\"");

        HttpResponse<String> now = get("/api/clock", null);
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(festivalClock.instant()).isBetween(eve.toInstant(), eve.toInstant().plusSeconds(600));

        List<ConsumerRecord<String, byte[]>> onTopic = readAll(Topics.FESTIVAL_CLOCK.name());
        assertThat(onTopic).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                .contains("FestivalClockChanged").contains("ops-lead"));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String marker = "garbage-" + UUID.randomUUID();
        OffsetDateTime later = OffsetDateTime.of(2026, 11, 11, 20, 0, 0, 0, ZoneOffset.ofHours(8));
        String valid = """
                {"eventId":"%s","type":"FestivalClockChanged","schemaVersion":1,"occurredAt":"%s",
                 "aggregateKey":"clock","payload":{"wallAnchor":"%s","festivalAnchor":"%s","speed":1.0,"changedBy":"%s"}}
                """.formatted(UUID.randomUUID(), later.toInstant(), java.time.Instant.now(), later.toInstant(), marker);
        try (KafkaProducer<String, byte[]> producer = TopicRecords.producer()) {
            producer.send(new ProducerRecord<>(Topics.FESTIVAL_CLOCK.name(), "clock",
                    ("{not json " + marker).getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.FESTIVAL_CLOCK.name(), "clock",
                    valid.getBytes(StandardCharsets.UTF_8))).get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(festivalClock.setting().changedBy()).isEqualTo(marker));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readAll(Topics.FESTIVAL_CLOCK.deadLetter().name()))
                .anySatisfy(r -> {
                    assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(marker);
                    assertThat(r.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
                    assertThat(new String(r.headers().lastHeader("kafka_dlt-exception-message").value(),
                            StandardCharsets.UTF_8)).contains("not JSON");
                }));
    }

    @Test
    void aRetriedWriteWithTheSameIdempotencyKeyGetsTheFirstAnswer() throws Exception {
        String operator = Tokens.operator("ops-retry");
        String base = "http://127.0.0.1:" + port;
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"festivalTime\":\"2026-11-11T09:00:00+08:00\",\"speed\":2}";
        HttpResponse<String> first = Http.send(base, "PUT", "/api/clock", operator, body, Map.of("Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(200);
        Thread.sleep(50);
        HttpResponse<String> retried = Http.send(base, "PUT", "/api/clock", operator, body, Map.of("Idempotency-Key", key));
        assertThat(retried.statusCode()).isEqualTo(200);
        // A second real execution would answer a later setAt; the replay answers the first one, byte for byte.
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Idempotency-Replayed")).hasValue("true");

        assertProblem(Http.send(base, "PUT", "/api/clock", operator, body.replace("\"speed\":2", "\"speed\":3"),
                Map.of("Idempotency-Key", key)), 422);
        HttpResponse<String> otherCaller = Http.send(base, "PUT", "/api/clock", Tokens.operator("someone-else"), body,
                Map.of("Idempotency-Key", key));
        assertThat(otherCaller.statusCode()).as("keys belong to their caller").isEqualTo(200);
        assertThat(otherCaller.headers().firstValue("Idempotency-Replayed")).isEmpty();
        assertProblem(Http.send(base, "PUT", "/api/clock", operator, body, Map.of("Idempotency-Key", "has space")), 400);
    }

    @Test
    void flywayOwnsTheSchema() {
        Integer applied = jdbc.queryForObject(
                "select count(*) from flyway_schema_history where success and version = '0.1'", Integer.class);
        assertThat(applied).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_events", Integer.class)).isNotNull();
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    protected HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return Http.send("http://127.0.0.1:" + port, method, path, token, json);
    }

    protected static void assertProblem(HttpResponse<String> response, int status) {
        Http.assertProblem(response, status);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertProblem(response, 401);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicRecords.readAll(topic, Duration.ofSeconds(5));
    }

}
