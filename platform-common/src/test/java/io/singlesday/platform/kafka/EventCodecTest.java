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
}
