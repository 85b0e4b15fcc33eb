package io.singlesday.gmv.counting;

import java.time.Duration;

/**
 * When a ledger partition hands its pending sums to the totals stage. Live, every {@code interval}: that is the
 * freshness the screen needs. Catching up (the newest record it has read was written more than
 * {@code catchUpInterval} ago, as after a restart or a burst beyond its rate), every {@code catchUpInterval}: the
 * screen is already that far behind, and each batch carries nearly every figure key (brands, their cities and
 * categories) whatever its length, so the totals stage's work grows with the number of batches, not of orders.
 * Handing over twenty times less often (2 s against 100 ms by default) is what lets it keep up instead of falling
 * further behind.
 */
record FlushPolicy(Duration interval, Duration catchUpInterval) {

    FlushPolicy {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("festival.gmv.flush-interval must be positive, was " + interval);
        }
        if (catchUpInterval == null || catchUpInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("festival.gmv.catch-up-flush-interval must be at least the flush interval ("
                    + interval + "), was " + catchUpInterval);
        }
    }

    /**
     * @param nowMs          wall-clock time of this tick
     * @param lastFlushMs    wall-clock time of the last hand-over
     * @param newestRecordMs timestamp of the newest record read (Long.MIN_VALUE before the first)
     */
    boolean due(long nowMs, long lastFlushMs, long newestRecordMs) {
        boolean catchingUp = newestRecordMs != Long.MIN_VALUE && nowMs - newestRecordMs > catchUpInterval.toMillis();
        return !catchingUp || nowMs - lastFlushMs >= catchUpInterval.toMillis();
    }
}
