package io.singlesday.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.topics.Topic;
import io.singlesday.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event the platform declares has a schema, and what the Java records write is what the schema says. */
class EventSchemasTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** One realistic payload per event type; a new type without a sample fails {@link #everyEventTypeHasASample}. */
    private static final Map<EventType<?>, Object> SAMPLES = Map.of(
            EventCatalog.FESTIVAL_CLOCK_CHANGED, new FestivalClockChanged(Instant.parse("2026-11-10T15:55:00Z"),
                    Instant.parse("2026-11-10T15:55:00Z"), 60.0, "ops-lead"));

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.all());
    }

    @Test
    void everySampleValidatesAgainstItsSchemaInsideAValidEnvelope() {
        Schema envelopeSchema = schema("/schemas/envelope.v1.schema.json");
        for (EventType<?> type : EventCatalog.all()) {
            EventEnvelope<?> envelope = new EventEnvelope<>(java.util.UUID.randomUUID(), type.name(), type.version(),
                    Instant.parse("2026-11-11T00:00:26Z"), "key-1",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", SAMPLES.get(type));
            JsonNode written = json.valueToTree(envelope);
            assertThat(envelopeSchema.validate(written)).as(type.key() + " envelope").isEmpty();
            assertThat(schema(type.schemaResource()).validate(written.get("payload"))).as(type.key()).isEmpty();
        }
    }

    @Test
    void theSchemasRejectWhatTheRecordsWouldNeverWrite() {
        ObjectNode payload = json.valueToTree(SAMPLES.get(EventCatalog.FESTIVAL_CLOCK_CHANGED));
        payload.remove("festivalAnchor");
        payload.put("speed", -1);
        assertThat(schema(EventCatalog.FESTIVAL_CLOCK_CHANGED.schemaResource()).validate(payload)).hasSize(2);

        ObjectNode envelope = json.createObjectNode();
        envelope.put("eventId", "x").put("type", "lowercase").put("schemaVersion", 0);
        assertThat(schema("/schemas/envelope.v1.schema.json").validate(envelope)).isNotEmpty();
    }

    @Test
    void topicNamesAreUniqueAndEveryEventTravelsOnARegisteredTopic() {
        Set<String> names = new HashSet<>();
        for (Topic topic : Topics.allWithDeadLetters()) {
            assertThat(names.add(topic.name())).as("duplicate topic " + topic.name()).isTrue();
            assertThat(topic.name()).matches("[a-z]+(\\.[a-z]+)+");
        }
        EventCatalog.all().forEach(type -> assertThat(Topics.all()).contains(type.topic()));
    }

    private static Schema schema(String resource) {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("schema file " + resource).isNotNull();
            return schemas.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
