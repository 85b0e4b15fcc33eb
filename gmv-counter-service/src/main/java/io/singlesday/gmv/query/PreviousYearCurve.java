package io.singlesday.gmv.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The previous year's day as the share of its total reached at each second after midnight, interpolated
 * linearly between published checkpoints (2019 by default: 10 of 268.4 billion at 1 min 36 s, and so on),
 * scaled to the configured previous-year total. Good enough to draw "ahead of last year"; the load tester owns
 * the finer fitted curve.
 */
public final class PreviousYearCurve {

    private final long[] seconds;
    private final double[] shares;
    private final long totalFen;
    private final String basis;

    /** @param checkpoints "seconds after midnight:cumulative amount", ending with the whole day's total */
    public PreviousYearCurve(List<String> checkpoints, long totalFen) {
        this(checkpoints, totalFen, "the previous year");
    }

    /** @param basis what the curve is, in words for the screen: "2019 at 1:100,000" */
    public PreviousYearCurve(List<String> checkpoints, long totalFen, String basis) {
        List<long[]> points = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        for (String checkpoint : checkpoints) {
            String[] parts = checkpoint.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("checkpoint must be seconds:amount, not " + checkpoint);
            }
            points.add(new long[]{Long.parseLong(parts[0].trim())});
            amounts.add(Double.parseDouble(parts[1].trim()));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the previous year's curve needs checkpoints");
        }
        double dayTotal = amounts.getLast();
        this.seconds = new long[points.size() + 1];
        this.shares = new double[points.size() + 1];
        for (int i = 0; i < points.size(); i++) {
            seconds[i + 1] = points.get(i)[0];
            shares[i + 1] = amounts.get(i) / dayTotal;
            if (seconds[i + 1] <= seconds[i] || shares[i + 1] < shares[i]) {
                throw new IllegalArgumentException("checkpoints must rise in time and amount");
            }
        }
        this.totalFen = totalFen;
        this.basis = basis;
    }

    /** The same day's shape over another whole-day total, under another name. */
    public PreviousYearCurve scaledTo(long dayTotalFen, String basisOfIt) {
        return new PreviousYearCurve(seconds, shares, dayTotalFen, basisOfIt);
    }

    private PreviousYearCurve(long[] seconds, double[] shares, long totalFen, String basis) {
        this.seconds = seconds;
        this.shares = shares;
        this.totalFen = totalFen;
        this.basis = basis;
    }

    public String basis() {
        return basis;
    }

    /** The previous year's running total at this many seconds after midnight, in fen. */
    public long cumulativeFen(long secondsAfterMidnight) {
        if (secondsAfterMidnight <= 0) {
            return 0;
        }
        for (int i = 1; i < seconds.length; i++) {
            if (secondsAfterMidnight <= seconds[i]) {
                double t = (double) (secondsAfterMidnight - seconds[i - 1]) / (seconds[i] - seconds[i - 1]);
                return Math.round(totalFen * (shares[i - 1] + t * (shares[i] - shares[i - 1])));
            }
        }
        return totalFen;
    }

    /** What the previous year sold in the one second ending at this many seconds after midnight, in fen. */
    public long perSecondFen(long secondsAfterMidnight) {
        return cumulativeFen(secondsAfterMidnight) - cumulativeFen(secondsAfterMidnight - 1);
    }

    public long totalFen() {
        return totalFen;
    }
}
