package io.singlesday.platform.clock;

import io.singlesday.contracts.clock.FestivalClockChanged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Festival time for every time-bound rule of the platform. It is a {@link Clock}, so code takes it wherever
 * it would take a clock. All instances of all services compute the same festival time from the same
 * setting, which travels on the compacted {@code festival.clock} topic; between settings it needs no I/O.
 */
public final class FestivalClock extends Clock {

    /** The festival runs on Beijing time. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Clock wall;
    private final AtomicReference<FestivalClockChanged> setting;

    public FestivalClock(Clock wall, FestivalClockChanged initial) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.setting = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Adopts a new setting unless an older one arrives late: the newest wall anchor wins. */
    public boolean apply(FestivalClockChanged next) {
        FestivalClockChanged previous = setting.getAndUpdate(
                current -> next.wallAnchor().isBefore(current.wallAnchor()) ? current : next);
        return !next.wallAnchor().isBefore(previous.wallAnchor());
    }

    public FestivalClockChanged setting() {
        return setting.get();
    }

    @Override
    public Instant instant() {
        FestivalClockChanged s = setting.get();
        Duration realElapsed = Duration.between(s.wallAnchor(), wall.instant());
        long festivalNanos = Math.round(realElapsed.toNanos() * s.speed());
        return s.festivalAnchor().plusNanos(festivalNanos);
    }

    /** How much real time passes while {@code festivalDuration} passes on this clock. */
    public Duration realDurationOf(Duration festivalDuration) {
        return Duration.ofNanos(Math.round(festivalDuration.toNanos() / setting.get().speed()));
    }

    public ZonedDateTime now() {
        return instant().atZone(BEIJING);
    }

    @Override
    public ZoneId getZone() {
        return BEIJING;
    }

    /** A view of this clock in another zone; it keeps following the festival setting. */
    @Override
    public Clock withZone(ZoneId zone) {
        FestivalClock festival = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return festival.withZone(other);
            }

            @Override
            public Instant instant() {
                return festival.instant();
            }
        };
    }
}
