package io.singlesday.gmv.query;

import io.singlesday.curve.Checkpoint;
import io.singlesday.curve.DayCurve;

import java.util.ArrayList;
import java.util.List;

/**
 * The previous year's day as the share of its total reached at each second after midnight: the festival curve
 * (module festival-curve) fitted to the published checkpoints (2019 by default: 10 of 268.4 billion at 1 min 36 s,
 * and so on), the same curve the load tester sends its orders along, scaled to a whole-day total.
 */
public final class PreviousYearCurve {

    private final DayCurve curve;
    private final long totalFen;
    private final String basis;

    /** @param checkpoints "seconds after midnight:cumulative amount", ending with the whole day's total at 86400 */
    public PreviousYearCurve(List<String> checkpoints, long totalFen) {
        this(checkpoints, totalFen, "the previous year");
    }

    /** @param basis what the curve is, in words for the screen: "2019 at 1:100,000" */
    public PreviousYearCurve(List<String> checkpoints, long totalFen, String basis) {
        this(DayCurve.fit(parse(checkpoints)), totalFen, basis);
    }

    private PreviousYearCurve(DayCurve curve, long totalFen, String basis) {
        this.curve = curve;
        this.totalFen = totalFen;
        this.basis = basis;
    }

    private static List<Checkpoint> parse(List<String> checkpoints) {
        List<Checkpoint> parsed = new ArrayList<>();
        for (String checkpoint : checkpoints) {
            String[] parts = checkpoint.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("checkpoint must be seconds:amount, not " + checkpoint);
            }
            long seconds = Long.parseLong(parts[0].trim());
            double amount = Double.parseDouble(parts[1].trim());
            if (!parsed.isEmpty() && (seconds <= parsed.getLast().secondsAfterMidnight()
                    || amount < parsed.getLast().cumulativeBillionCny())) {
                throw new IllegalArgumentException("checkpoints must rise in time and amount");
            }
            parsed.add(new Checkpoint(0, seconds, amount, seconds + " s"));
        }
        return parsed;
    }

    /** The same day's shape over another whole-day total, under another name. */
    public PreviousYearCurve scaledTo(long dayTotalFen, String basisOfIt) {
        return new PreviousYearCurve(curve, dayTotalFen, basisOfIt);
    }

    public String basis() {
        return basis;
    }

    /** The previous year's running total at this many seconds after midnight, in fen. */
    public long cumulativeFen(long secondsAfterMidnight) {
        return Math.round(totalFen * curve.share(secondsAfterMidnight));
    }

    /** What the previous year sold in the one second ending at this many seconds after midnight, in fen. */
    public long perSecondFen(long secondsAfterMidnight) {
        return cumulativeFen(secondsAfterMidnight) - cumulativeFen(secondsAfterMidnight - 1);
    }

    public long totalFen() {
        return totalFen;
    }
}
