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
    private final AtomicReference<State> state;

    /** The setting in force; a provisional one (from configuration) yields to any published setting. */
    private record State(FestivalClockChanged setting, boolean provisional) {
    }

    public FestivalClock(Clock wall, FestivalClockChanged initial) {
        this.wall = Objects.requireNonNull(wall, "wall");
        this.state = new AtomicReference<>(new State(Objects.requireNonNull(initial, "initial"), true));
    }

    /**
     * Adopts a published setting. The first one always replaces the configured start; after that an older
     * setting arriving late loses to the newer one (the newest wall anchor wins).
     */
    public boolean apply(FestivalClockChanged next) {
        State previous = state.getAndUpdate(current ->
                current.provisional() || !next.wallAnchor().isBefore(current.setting().wallAnchor())
                        ? new State(next, false) : current);
        return previous.provisional() || !next.wallAnchor().isBefore(previous.setting().wallAnchor());
    }

    public FestivalClockChanged setting() {
        return state.get().setting();
    }

    @Override
    public Instant instant() {
        FestivalClockChanged s = setting();
        Duration realElapsed = Duration.between(s.wallAnchor(), wall.instant());
        long festivalNanos = Math.round(realElapsed.toNanos() * s.speed());
        return s.festivalAnchor().plusNanos(festivalNanos);
    }

    /** How much real time passes while {@code festivalDuration} passes on this clock. */
    public Duration realDurationOf(Duration festivalDuration) {
        return Duration.ofNanos(Math.round(festivalDuration.toNanos() / setting().speed()));
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
