package io.singlesday.loadtest.model;

import io.singlesday.curve.Checkpoint;
import io.singlesday.curve.DayCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The day's curve as a load: a peak order rate (the scale, in orders per real second) and a time compression
 * (festival seconds per real second: 60 plays the day in 24 minutes). "2019 at 1:100,000" is a peak of 5.44
 * orders/s, 2019's 544,000 scaled down.
 */
public final class LoadShape {

    public static final double MAX_PEAK = 100_000;
    public static final double MAX_COMPRESSION = 86_400;

    private final DayCurve curve;
    private final double peakPerSecond;
    private final double compression;
    private final double curvePeak;

    public LoadShape(DayCurve curve, double peakPerSecond, double compression) {
        if (!(peakPerSecond > 0 && peakPerSecond <= MAX_PEAK)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the peak rate must be more than 0 and at most %,.0f orders per second, not %s", MAX_PEAK, peakPerSecond));
        }
        if (!(compression >= 1 && compression <= MAX_COMPRESSION)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the time compression must be between 1 (real time) and %,.0f (the day in one second), not %s",
                    MAX_COMPRESSION, compression));
        }
        this.curve = curve;
        this.peakPerSecond = peakPerSecond;
        this.compression = compression;
        this.curvePeak = curve.sample(0, DayCurve.DAY, 1).stream().mapToDouble(p -> p[1]).max().orElseThrow();
    }

    /** Orders per real second at this many real seconds into the replay. */
    public double rateAt(double realSeconds) {
        return peakPerSecond * curve.rate(realSeconds * compression) / curvePeak;
    }

    public double replaySeconds() {
        return DayCurve.DAY / compression;
    }

    /** 2019's published peak, orders in one second just after midnight. */
    public static final double PEAK_2019_PER_SECOND = 544_000;

    /** This replay against 2019 in orders per festival second, as 1 to this (a peak of 5.44/s at 60x: 6,000,000). */
    public double oneInOrdersOf2019() {
        return PEAK_2019_PER_SECOND * compression / peakPerSecond;
    }

    /** Orders the whole replay sends: the day's share integrated at this scale and speed. */
    public double totalOrders() {
        return peakPerSecond / curvePeak / compression;
    }

    /** One stretch of an open workload: arrivals ramp linearly from one rate to the next over its duration. */
    public record Segment(double seconds, double fromPerSecond, double toPerSecond) {
        public double orders() {
            return seconds * (fromPerSecond + toPerSecond) / 2;
        }
    }

    /**
     * The replay as ramps of at most {@code step} real seconds, finer where the rate moves fast (the midnight
     * spike), for a load generator's open model.
     */
    public List<Segment> segments(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("the step must be a positive number of seconds");
        }
        List<Segment> segments = new ArrayList<>();
        double end = replaySeconds();
        double t = 0;
        while (t < end) {
            double width = Math.min(step, end - t);
            double from = rateAt(t);
            double to = rateAt(t + width);
            // Halve a stretch whose ends differ by more than a tenth of the peak, down to 10 ms.
            while (width > 0.01 && Math.abs(to - from) > peakPerSecond / 10) {
                width /= 2;
                to = rateAt(t + width);
            }
            segments.add(new Segment(width, from, to));
            t += width;
        }
        return segments;
    }
}
