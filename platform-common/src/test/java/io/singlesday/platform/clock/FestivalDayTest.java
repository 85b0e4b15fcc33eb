package io.singlesday.platform.clock;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FestivalDayTest {

    @Test
    void secondsAfterMidnightCountFromTheStartOfElevenNovemberInBeijing() {
        assertThat(FestivalDay.secondsAfterMidnight(Instant.parse("2026-11-10T16:00:00Z"))).isZero();
        assertThat(FestivalDay.secondsAfterMidnight(Instant.parse("2026-11-10T16:01:36Z"))).isEqualTo(96);
        assertThat(FestivalDay.secondsAfterMidnight(Instant.parse("2026-11-10T15:55:00Z"))).isEqualTo(-300);
        assertThat(FestivalDay.secondsAfterMidnight(Instant.parse("2026-11-11T16:00:00Z"))).isEqualTo(86_400);
        // Another year's festival: measured from that year's 11 November.
        assertThat(FestivalDay.secondsAfterMidnight(Instant.parse("2019-11-10T16:00:26Z"))).isEqualTo(26);
    }
}
