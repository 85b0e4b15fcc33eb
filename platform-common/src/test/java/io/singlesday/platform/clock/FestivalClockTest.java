package io.singlesday.platform.clock;

import io.singlesday.contracts.clock.FestivalClockChanged;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FestivalClockTest {

    private final Instant wallStart = Instant.parse("2026-03-01T08:00:00Z");
    private final AtomicReference<Instant> wallNow = new AtomicReference<>(wallStart);
    private final Clock wall = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return wallNow.get();
        }
    };
    private final Instant eve = Instant.parse("2026-11-10T15:55:00Z"); // 23:55 in Beijing

    @Test
    void compressedTimeRunsAtItsSpeedFromTheAnchor() {
        FestivalClock clock = new FestivalClock(wall, new FestivalClockChanged(wallStart, eve, 60, "test"));
        wallNow.set(wallStart.plusSeconds(5));
        assertThat(clock.instant()).isEqualTo(eve.plusSeconds(300));
        assertThat(clock.now().getHour()).isEqualTo(0);
        assertThat(clock.now().getDayOfMonth()).isEqualTo(11);
        assertThat(clock.realDurationOf(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(24));
    }

    @Test
    void thePublishedSettingReplacesTheConfiguredStartEvenWhenItIsOlder() {
        FestivalClock clock = new FestivalClock(wall, new FestivalClockChanged(wallStart, eve, 1, "configuration"));
        FestivalClockChanged publishedYesterday = new FestivalClockChanged(wallStart.minus(Duration.ofDays(1)), eve, 60, "launcher");
        assertThat(clock.apply(publishedYesterday)).isTrue();
        assertThat(clock.setting().changedBy()).isEqualTo("launcher");
    }

    @Test
    void aLateOlderSettingDoesNotWinOverANewerOne() {
        FestivalClock clock = new FestivalClock(wall, new FestivalClockChanged(wallStart, eve, 1, "first"));
        FestivalClockChanged newer = new FestivalClockChanged(wallStart.plusSeconds(10), eve.plusSeconds(3600), 2, "newer");
        FestivalClockChanged older = new FestivalClockChanged(wallStart.plusSeconds(5), eve, 1, "older");
        assertThat(clock.apply(newer)).isTrue();
        assertThat(clock.apply(older)).isFalse();
        assertThat(clock.setting().changedBy()).isEqualTo("newer");
        assertThat(clock.apply(newer)).as("the same setting again is harmless").isTrue();
    }

    @Test
    void theFestivalDayIsElevenNovemberInBeijing() {
        FestivalClock clock = new FestivalClock(wall, new FestivalClockChanged(wallStart, eve, 1, "test"));
        FestivalDay before = FestivalDay.at(clock.now());
        assertThat(before.phase()).isEqualTo(FestivalDay.Phase.BEFORE);
        assertThat(before.untilStart()).isEqualTo(Duration.ofMinutes(5));

        wallNow.set(wallStart.plus(Duration.ofMinutes(5)));
        assertThat(FestivalDay.at(clock.now()).phase()).isEqualTo(FestivalDay.Phase.DURING);
        assertThat(FestivalDay.at(clock.now()).untilEnd()).isEqualTo(Duration.ofHours(24));

        wallNow.set(wallStart.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(24)));
        FestivalDay after = FestivalDay.at(clock.now());
        assertThat(after.phase()).isEqualTo(FestivalDay.Phase.AFTER);
        assertThat(after.untilStart()).isZero();
    }

    @Test
    void aZoneViewKeepsFollowingTheFestival() {
        FestivalClock clock = new FestivalClock(wall, new FestivalClockChanged(wallStart, eve, 10, "test"));
        Clock utc = clock.withZone(ZoneOffset.UTC);
        wallNow.set(wallStart.plusSeconds(1));
        assertThat(utc.instant()).isEqualTo(eve.plusSeconds(10));
        assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
