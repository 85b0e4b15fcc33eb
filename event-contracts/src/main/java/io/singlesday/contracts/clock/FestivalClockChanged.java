package io.singlesday.contracts.clock;

import java.time.Instant;
import java.util.Objects;

/**
 * The festival clock was set: from {@code wallAnchor} (real time) on, festival time runs from
 * {@code festivalAnchor} at {@code speed} festival seconds per real second. Speed 60 plays a 24-hour day in
 * 24 minutes.
 */
public record FestivalClockChanged(Instant wallAnchor, Instant festivalAnchor, double speed, String changedBy) {

    public static final double MAX_SPEED = 86_400;

    public FestivalClockChanged {
        Objects.requireNonNull(wallAnchor, "wallAnchor");
        Objects.requireNonNull(festivalAnchor, "festivalAnchor");
        if (!(speed > 0 && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be in (0, " + MAX_SPEED + "]");
        }
    }
}
