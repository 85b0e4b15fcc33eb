package io.singlesday.order.saga;

import java.time.Duration;
import java.util.Arrays;

/**
 * How many sagas may run at once, from Little's law (work in flight = rate x time in system): the rate at which
 * sagas settle times a target time, so once the platform is at capacity what is admitted spends about the target
 * from placement to outcome, however much more is offered. The target is {@code factor} times the unloaded saga
 * time, never less than {@code minTarget} and, unless {@code minTarget} says otherwise, never more than
 * {@code maxTarget}: a first minute with a cold JIT teaches an "unloaded" time of seconds, and without the ceiling the
 * limit it gives lets the queue it was learned from stay. The unloaded time is learned only from moments when nothing was refused
 * (the limit was not what held sagas back), and while checkouts are being refused it may only fall: so a lasting
 * overload, whose sagas all carry a queue, cannot teach it that queueing is normal and let the queue grow. Only when
 * the limit has sat at its floor for {@code FLOOR_GRACE} while refusing is the platform taken to have become slower
 * for good, and the unloaded time relearned from what it does now.
 * <p>
 * Not Netflix concurrency-limits' Vegas or Gradient2: both learn the unloaded time from the samples themselves, and
 * under a lasting overload they forget it (Vegas's probe, Gradient2's long average) or, at the tens of sagas a second
 * with half-second times this platform runs at, oscillate; {@code SagaAdmissionTest} models that.
 */
final class LittleLimit {

    static final long WINDOW_NANOS = Duration.ofMillis(500).toNanos();
    static final long FLOOR_GRACE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final double WEIGHT = 0.3;

    private final int minLimit;
    private final int maxLimit;
    private final double factor;
    private final long maxTargetNanos;
    private volatile long minTargetNanos;
    private volatile int limit;
    private volatile double rate;
    private volatile double unloadedNanos;
    private long windowStart = Long.MIN_VALUE;
    private long[] times = new long[64];
    private int settled;
    private boolean refusedInWindow;
    private long atFloorSince = Long.MIN_VALUE;

    LittleLimit(int initialLimit, int minLimit, int maxLimit, double factor, Duration minTarget, Duration maxTarget) {
        if (factor < 1) {
            throw new IllegalArgumentException("the target factor must be at least 1 (the unloaded time itself), not " + factor);
        }
        if (maxTarget.isNegative() || maxTarget.isZero()) {
            throw new IllegalArgumentException("the maximum target saga time must be positive, not " + maxTarget);
        }
        this.maxTargetNanos = maxTarget.toNanos();
        this.limit = initialLimit;
        this.minLimit = minLimit;
        this.maxLimit = maxLimit;
        this.factor = factor;
        minTarget(minTarget);
    }

    void minTarget(Duration target) {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("the minimum target saga time must be positive, not " + target);
        }
        this.minTargetNanos = target.toNanos();
    }

    int limit() {
        return limit;
    }

    double rate() {
        return rate;
    }

    Duration unloaded() {
        return Duration.ofNanos((long) unloadedNanos);
    }

    Duration minTarget() {
        return Duration.ofNanos(minTargetNanos);
    }

    Duration target() {
        return Duration.ofNanos((long) targetNanos());
    }

    private double targetNanos() {
        return Math.max(minTargetNanos, Math.min(maxTargetNanos, factor * unloadedNanos));
    }

    /** A checkout was refused: the limit, not the offered load, is what holds sagas back this window. */
    synchronized void refused() {
        refusedInWindow = true;
    }

    /** A saga settled at {@code end} after {@code time} (both in nanoseconds, one clock). */
    synchronized void settled(long end, long time) {
        if (windowStart == Long.MIN_VALUE) {
            windowStart = end;
        }
        if (settled == times.length) {
            times = Arrays.copyOf(times, settled * 2);
        }
        times[settled++] = time;
        long elapsed = end - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            closeWindow(end, elapsed);
        }
    }

    private void closeWindow(long end, long elapsed) {
        double measured = settled * 1e9 / elapsed;
        rate = rate == 0 ? measured : (1 - WEIGHT) * rate + WEIGHT * measured;
        Arrays.sort(times, 0, settled);
        double median = times[settled / 2];
        boolean stuckAtFloor = atFloorSince != Long.MIN_VALUE && end - atFloorSince >= FLOOR_GRACE_NANOS;
        if (unloadedNanos == 0 || stuckAtFloor) {
            unloadedNanos = median;
            atFloorSince = Long.MIN_VALUE;
        } else if (!refusedInWindow || median < unloadedNanos) {
            unloadedNanos = (1 - WEIGHT) * unloadedNanos + WEIGHT * median;
        }
        double targetNanos = targetNanos();
        limit = (int) Math.max(minLimit, Math.min(maxLimit, Math.ceil(rate * targetNanos / 1e9)));
        if (limit > minLimit || !refusedInWindow) {
            atFloorSince = Long.MIN_VALUE;
        } else if (atFloorSince == Long.MIN_VALUE) {
            atFloorSince = end;
        }
        settled = 0;
        refusedInWindow = false;
        windowStart = end;
    }
}
