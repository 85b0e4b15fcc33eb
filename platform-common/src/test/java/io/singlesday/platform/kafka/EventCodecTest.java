package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.clock.FestivalClockChanged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build());
    private final FestivalClockChanged setting = new FestivalClockChanged(Instant.parse("2026-11-10T15:55:00Z"),
            Instant.parse("2026-11-10T15:55:00Z"), 60, "ops");

    @Test
    void anEnvelopeSurvivesTheRoundTrip() {
        EventEnvelope<FestivalClockChanged> sent = EventEnvelope.wrap(EventCatalog.FESTIVAL_CLOCK_CHANGED, "clock",
                Instant.parse("2026-11-10T15:55:00Z"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", setting);
        EventEnvelope<FestivalClockChanged> read = codec.decode(codec.encode(sent), EventCatalog.FESTIVAL_CLOCK_CHANGED);
        assertThat(read).isEqualTo(sent);
    }

    @Test
    void unreadableRecordsSayWhy() {
        assertThatThrownBy(() -> codec.decode("{nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("""
                {"eventId":"6f1c0e8e-1f4e-4a53-9d3a-6a2b7c1e9f00","type":"FestivalClockChanged","schemaVersion":9,
                 "occurredAt":"2026-11-10T15:55:00Z","aggregateKey":"clock","payload":{}}""".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("unknown event type FestivalClockChanged v9");
        assertThatThrownBy(() -> codec.decode("""
                {"eventId":"6f1c0e8e-1f4e-4a53-9d3a-6a2b7c1e9f00","type":"FestivalClockChanged","schemaVersion":1,
                 "occurredAt":"2026-11-10T15:55:00Z","aggregateKey":"clock",
                 "payload":{"wallAnchor":"2026-11-10T15:55:00Z","festivalAnchor":"2026-11-10T15:55:00Z","speed":0}}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("speed");
    }

    @Test
    void anEnvelopeWhosePayloadComesBeforeItsTypeIsReadAlike() {
        EventEnvelope<?> read = codec.decode("""
                {"payload":{"wallAnchor":"2026-11-10T15:55:00Z","festivalAnchor":"2026-11-10T16:00:00Z","speed":60},
                 "aggregateKey":"clock","occurredAt":"2026-11-10T15:55:00Z","schemaVersion":1,"extra":{"a":[1,2]},
                 "type":"FestivalClockChanged","eventId":"6f1c0e8e-1f4e-4a53-9d3a-6a2b7c1e9f00"}""".getBytes(StandardCharsets.UTF_8));
        assertThat(read.payload()).isInstanceOf(FestivalClockChanged.class);
        assertThat(((FestivalClockChanged) read.payload()).speed()).isEqualTo(60);
        assertThat(read.eventId()).isEqualTo(java.util.UUID.fromString("6f1c0e8e-1f4e-4a53-9d3a-6a2b7c1e9f00"));
        assertThat(read.traceparent()).isNull();
    }

    @Test
    void missingOrMistypedEnvelopeFieldsAreNamed() {
        String payload = "\"payload\":{\"wallAnchor\":\"2026-11-10T15:55:00Z\",\"festivalAnchor\":\"2026-11-10T15:55:00Z\",\"speed\":1}";
        assertThatThrownBy(() -> codec.decode(("{\"type\":\"FestivalClockChanged\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-10T15:55:00Z\",\"aggregateKey\":\"clock\"," + payload + "}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("missing field eventId");
        assertThatThrownBy(() -> codec.decode(("{\"eventId\":7,\"type\":\"FestivalClockChanged\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-10T15:55:00Z\",\"aggregateKey\":\"clock\"," + payload + "}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("eventId is not a string");
        assertThatThrownBy(() -> codec.decode(("{\"eventId\":\"6f1c0e8e-1f4e-4a53-9d3a-6a2b7c1e9f00\",\"type\":\"FestivalClockChanged\","
                + "\"schemaVersion\":1,\"occurredAt\":\"2026-11-10T15:55:00Z\",\"aggregateKey\":\"clock\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("missing field payload");
        assertThatThrownBy(() -> codec.decode(("{\"eventId\":\"not-a-uuid\",\"type\":\"FestivalClockChanged\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-10T15:55:00Z\",\"aggregateKey\":\"clock\"," + payload + "}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("envelope of FestivalClockChanged@v1 invalid");
        assertThatThrownBy(() -> codec.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("not a JSON object");
    }
}
