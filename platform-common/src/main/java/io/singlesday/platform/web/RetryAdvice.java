package io.singlesday.platform.web;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * How long a refused caller is told to wait (Retry-After, in seconds): the base when little is refused, and longer
 * as the share refused over the last seconds grows, base / (1 - share), at most {@code maxSeconds}. A caller is then
 * likely to find room when it returns, instead of every refused caller coming back at once to be refused again: at
 * three times capacity two thirds are refused, and a fixed one second would bring them back three times each.
 * Each answer adds up to the base again at random, so returns do not arrive in step.
 */
public final class RetryAdvice {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final int baseSeconds;
    private final int maxSeconds;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int admitted;
    private int refused;
    private volatile double refusedShare;

    public RetryAdvice(int baseSeconds, int maxSeconds) {
        this(baseSeconds, maxSeconds, System::nanoTime);
    }

    RetryAdvice(int baseSeconds, int maxSeconds, LongSupplier nanoClock) {
        if (baseSeconds < 1 || maxSeconds < baseSeconds) {
            throw new IllegalArgumentException("Retry-After needs 1 <= base <= max seconds, not " + baseSeconds + ", " + maxSeconds);
        }
        this.baseSeconds = baseSeconds;
        this.maxSeconds = maxSeconds;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    public synchronized void admitted() {
        roll();
        admitted++;
    }

    public synchronized void refused() {
        roll();
        refused++;
    }

    /** The share of callers refused, smoothed over the last few seconds. */
    public double refusedShare() {
        return refusedShare;
    }

    /** The Retry-After for a caller refused now, jittered. */
    public int seconds() {
        double share = Math.min(0.9, refusedShare);
        long wait = Math.min(maxSeconds, Math.round(baseSeconds / (1 - share)));
        return (int) Math.min(maxSeconds + baseSeconds, wait + ThreadLocalRandom.current().nextInt(baseSeconds + 1));
    }

    private void roll() {
        long now = nanoClock.getAsLong();
        if (now - windowStart < WINDOW_NANOS) {
            return;
        }
        int total = admitted + refused;
        double share = total == 0 ? 0 : (double) refused / total;
        // Each window after it that had no calls says the load has gone: the share halves for each.
        long quiet = Math.min(10, (now - windowStart) / WINDOW_NANOS - 1);
        refusedShare = (0.5 * refusedShare + 0.5 * share) * Math.pow(0.5, quiet);
        admitted = 0;
        refused = 0;
        windowStart = now;
    }
}
