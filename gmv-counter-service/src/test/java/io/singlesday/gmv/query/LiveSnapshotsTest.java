package io.singlesday.gmv.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How often the snapshot is built with and without a dashboard watching, and how old a reader's can be. */
class LiveSnapshotsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SnapshotBuilder builder = mock(SnapshotBuilder.class);
    private final JsonMapper json = JsonMapper.builder().build();

    LiveSnapshotsTest() {
        when(builder.build(anyLong())).thenAnswer(call -> snapshot(call.getArgument(0)));
    }

    @Test
    void anUnwatchedCounterBuildsOncePerIdleIntervalAndAWatchedOneAtEveryTick() {
        LiveSnapshots live = new LiveSnapshots(builder, json, new SimpleMeterRegistry(), HOUR, HOUR);
        for (int tick = 0; tick < 5; tick++) {
            live.refresh();
        }
        assertThat(live.current(true).version()).as("one build in the idle hour").isEqualTo(1);

        live.subscribe(false);
        live.refresh();
        live.refresh();
        assertThat(live.current(true).version()).as("every tick builds while a stream is open").isEqualTo(3);
    }

    @Test
    void aReaderNeverGetsASnapshotOlderThanTheIntervalEvenWhenNobodyWatches() {
        LiveSnapshots live = new LiveSnapshots(builder, json, new SimpleMeterRegistry(), Duration.ofNanos(1), HOUR);
        live.refresh();
        long first = live.current(true).version();
        long second = live.current(false).version();
        assertThat(second).as("older than the interval, so built again for the reader").isGreaterThan(first);
    }

    @Test
    void anIdleIntervalShorterThanTheTickIsRefusedAtStart() {
        assertThatThrownBy(() -> new LiveSnapshots(builder, json, new SimpleMeterRegistry(), HOUR, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("festival.gmv.idle-snapshot-interval");
    }

    private static Snapshot snapshot(long version) {
        Snapshot.Amount zero = new Snapshot.Amount(0, "0", 0, "0");
        return new Snapshot(version, Instant.EPOCH, 0, zero, 0, 0, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(), null);
    }
}
