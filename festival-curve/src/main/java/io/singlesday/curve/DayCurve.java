package io.singlesday.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of the festival day: the share of the day's orders placed per second, as a mix of two parts.
 * <ul>
 *   <li>the midnight rush: a near-vertical rise to its peak 26 s after midnight (when 2020's orders peaked),
 *   then an exponential decay with a fitted time constant;</li>
 *   <li>the day's rhythm: an hourly profile with its trough at 4 to 6 am, a busy late morning, and an evening
 *   peak at 20 to 22 h (2019's totals put as much of the day before 14 h 21 as the published hourly shape allows).</li>
 * </ul>
 * The rush's weight and time constant are fitted to a year's published running totals (least squares on the
 * relative error, the day's total held exact), so the curve passes near each checkpoint.
 */
public final class DayCurve {

    public static final long DAY = 86_400;
    static final double PEAK_S = 26;
    /** Relative order rate at each hour from 0 to 24 h, outside the midnight rush. */
    static final double[] HOURLY = {1.0, 0.95, 0.7, 0.45, 0.3, 0.3, 0.45, 0.75, 1.0, 1.2, 1.3, 1.3, 1.25, 1.15, 1.0,
            0.9, 0.85, 0.85, 0.85, 0.9, 1.0, 1.02, 0.9, 0.8, 0.8};
    private static final double HOURLY_AREA = hourlyArea();

    private final double rush;
    private final double rhythm;
    private final double decay;
    private final double rise;

    private DayCurve(double rush, double decay) {
        this.rush = rush;
        this.decay = decay;
        this.rise = riseFor(decay);
        this.rhythm = 1 - rush * rushShare(DAY, decay, rise);
    }

    /** Fits the curve to checkpoints whose last one is the whole day. */
    public static DayCurve fit(List<Checkpoint> checkpoints) {
        if (checkpoints.size() < 3 || checkpoints.getLast().secondsAfterMidnight() != DAY) {
            throw new IllegalArgumentException("need at least three checkpoints, the last one the whole day at 86400 s");
        }
        double total = checkpoints.getLast().cumulativeBillionCny();
        DayCurve best = null;
        double bestError = Double.MAX_VALUE;
        for (double tau = 60; tau <= 6 * 3600; tau *= 1.02) {
            double rise = riseFor(tau);
            // F(t) = w R(t) + (1 - w R(day)) D(t) is linear in w: one-dimensional least squares per time constant.
            double suu = 0;
            double sur = 0;
            for (Checkpoint c : checkpoints.subList(0, checkpoints.size() - 1)) {
                double t = c.secondsAfterMidnight();
                double y = c.cumulativeBillionCny() / total;
                double d = rhythmShare(t);
                double u = (rushShare(t, tau, rise) - rushShare(DAY, tau, rise) * d) / y;
                double r = (y - d) / y;
                suu += u * u;
                sur += u * r;
            }
            double w = sur / suu;
            if (!(w >= 0) || w * rushShare(DAY, tau, rise) > 1) {
                continue;
            }
            DayCurve candidate = new DayCurve(w, tau);
            double error = candidate.squaredRelativeError(checkpoints, total);
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no non-negative mix fits these checkpoints");
        }
        return best;
    }

    private double squaredRelativeError(List<Checkpoint> checkpoints, double total) {
        double sum = 0;
        for (Checkpoint c : checkpoints) {
            double y = c.cumulativeBillionCny() / total;
            double e = (share(c.secondsAfterMidnight()) - y) / y;
            sum += e * e;
        }
        return sum;
    }

    /** The share of the day's orders placed in the first {@code t} seconds. */
    public double share(double t) {
        if (t <= 0) {
            return 0;
        }
        double x = Math.min(t, DAY);
        return rush * rushShare(x, decay, rise) + rhythm * rhythmShare(x);
    }

    /** The share of the day's orders placed per second at {@code t} seconds after midnight. */
    public double rate(double t) {
        if (t < 0 || t > DAY) {
            return 0;
        }
        double rushRate = (1 - Math.exp(-t / rise)) * Math.exp(-t / decay) / rushArea(decay, rise);
        return rush * rushRate + rhythm * hourly(t) / HOURLY_AREA;
    }

    /** The checkpoints against the curve, one line each, and the share of each hour: what a run prints first. */
    public String fitReport(List<Checkpoint> checkpoints) {
        double total = checkpoints.getLast().cumulativeBillionCny();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Day curve: midnight rush %.1f %% of the day (peak at %.0f s, decaying over %.0f min), daily rhythm %.1f %%%n",
                rush * rushShare(DAY, decay, rise) * 100, PEAK_S, decay / 60, rhythm * 100));
        for (Checkpoint c : checkpoints) {
            double published = c.cumulativeBillionCny() / total;
            double fitted = share(c.secondsAfterMidnight());
            out.append(String.format(Locale.ROOT, "  %d at %-12s published %6.2f %%  fitted %6.2f %%  error %+6.1f %%%n",
                    c.year(), c.as(), published * 100, fitted * 100, (fitted - published) / published * 100));
        }
        out.append("  share by hour:");
        for (int h = 0; h < 24; h++) {
            out.append(String.format(Locale.ROOT, " %d:%.1f%%", h, (share((h + 1) * 3600.0) - share(h * 3600.0)) * 100));
        }
        return out.append(System.lineSeparator()).toString();
    }

    /** Points of the rate over a span, for a chart or a schedule. */
    public List<double[]> sample(double from, double to, double step) {
        List<double[]> points = new ArrayList<>();
        for (double t = from; t <= to; t += step) {
            points.add(new double[]{t, rate(t)});
        }
        return points;
    }

    /** The rise time that puts the rush's peak at 26 s: (1 - e^(-t/rise)) e^(-t/decay) peaks at rise ln(1 + decay/rise). */
    static double riseFor(double decay) {
        double low = 1e-3;
        double high = PEAK_S;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (mid * Math.log(1 + decay / mid) < PEAK_S) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double rushArea(double decay, double rise) {
        return decay - decay * rise / (decay + rise);
    }

    static double rushShare(double t, double decay, double rise) {
        double both = decay * rise / (decay + rise);
        return (decay * (1 - Math.exp(-t / decay)) - both * (1 - Math.exp(-t / both))) / rushArea(decay, rise);
    }

    /** The rhythm's running share: the piecewise-linear hourly profile integrated exactly, over its whole-day area. */
    static double rhythmShare(double t) {
        double area = 0;
        for (int h = 0; h < 24 && h * 3600.0 < t; h++) {
            double end = Math.min(t, (h + 1) * 3600.0);
            area += (HOURLY[h] + hourly(end)) / 2 * (end - h * 3600.0);
        }
        return area / HOURLY_AREA;
    }

    static double hourly(double t) {
        int h = (int) Math.min(23, Math.floor(t / 3600));
        double f = t / 3600 - h;
        return HOURLY[h] + f * (HOURLY[h + 1] - HOURLY[h]);
    }

    private static double hourlyArea() {
        double area = 0;
        for (int h = 0; h < 24; h++) {
            area += (HOURLY[h] + HOURLY[h + 1]) / 2 * 3600;
        }
        return area;
    }
}
