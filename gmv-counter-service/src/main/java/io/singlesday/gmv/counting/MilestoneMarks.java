package io.singlesday.gmv.counting;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.platform.clock.FestivalDay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The marks worth a headline: round thresholds from a first one upwards by tens ("first 1 billion"), and the
 * previous year's total ("record broken"). Given the running total before a batch and the batch's GMV per
 * festival second, it finds the second in which the running total passed each mark.
 */
public final class MilestoneMarks {

    /**
     * @param moves a mark that follows a run's mean order value: once the total is at or past it, it is announced
     *              with the next sums, even if it moved below a total it had been above of; a fixed mark is announced
     *              only in the batch that crosses it
     */
    public record Mark(String id, GmvMilestoneReached.Kind kind, String label, long fen, boolean moves) {
    }

    private final List<Mark> marks;

    private MilestoneMarks(List<Mark> marks) {
        this.marks = List.copyOf(marks);
    }

    /**
     * Last year's headlines at a run's own scale: "first 1 billion" when the run has sold the share of its day that
     * 1 billion was of last year's, and "record broken" at its whole day, so a run that keeps up with last year's
     * curve hears them at the moments last year did. Ids carry the run, so each run hears them once.
     *
     * @param lastYearTotalCny what last year sold in all (2019: 268.4 billion)
     * @param dayTotalFen      the run's whole day, as the screen compares with it; 0 (nothing sold yet) gives no mark
     */
    public static MilestoneMarks atScale(long lastYearTotalCny, long dayTotalFen, String runId, String basis) {
        if (lastYearTotalCny < 1 || dayTotalFen < 0) {
            throw new IllegalArgumentException("last year's total must be positive and the run's day not negative");
        }
        List<Mark> all = new ArrayList<>();
        if (dayTotalFen > 0) {
            for (long cny = 1_000_000_000L; cny < lastYearTotalCny && cny <= Long.MAX_VALUE / 10; cny *= 10) {
                long fen = java.math.BigInteger.valueOf(dayTotalFen).multiply(java.math.BigInteger.valueOf(cny))
                        .divide(java.math.BigInteger.valueOf(lastYearTotalCny)).longValueExact();
                all.add(new Mark("threshold-" + cny + "@" + runId, GmvMilestoneReached.Kind.ROUND_THRESHOLD,
                        "first " + words(cny) + " (" + basis + ")", Math.max(1, fen), true));
            }
            all.add(new Mark("record@" + runId, GmvMilestoneReached.Kind.RECORD_BROKEN,
                    "record broken: last year's " + words(lastYearTotalCny) + " passed (" + basis + ")", dayTotalFen, true));
        }
        return new MilestoneMarks(all);
    }

    public MilestoneMarks(long firstThresholdCny, long lastThresholdCny, long previousYearTotalCny) {
        if (firstThresholdCny < 1 || lastThresholdCny < firstThresholdCny || previousYearTotalCny < 0) {
            throw new IllegalArgumentException("thresholds must be positive and ordered, the previous year's total not negative");
        }
        List<Mark> all = new ArrayList<>();
        for (long cny = firstThresholdCny; cny <= lastThresholdCny && cny <= Long.MAX_VALUE / 1000; cny *= 10) {
            all.add(new Mark("threshold-" + cny, GmvMilestoneReached.Kind.ROUND_THRESHOLD, "first " + words(cny), cny * 100, false));
        }
        if (previousYearTotalCny > 0) {
            all.add(new Mark("record-" + previousYearTotalCny, GmvMilestoneReached.Kind.RECORD_BROKEN,
                    "record broken: last year's " + words(previousYearTotalCny) + " passed", previousYearTotalCny * 100, false));
        }
        this.marks = List.copyOf(all);
    }

    /** Both sets of marks, each announced by its own id. */
    public MilestoneMarks and(MilestoneMarks more) {
        List<Mark> all = new ArrayList<>(marks);
        all.addAll(more.marks);
        return new MilestoneMarks(all);
    }

    public List<Mark> marks() {
        return marks;
    }

    /**
     * Marks passed by this batch and not reached before, each with the festival second it was passed in: the
     * second of the order that tipped the total, but never earlier than the latest second counted before, so
     * milestones keep their order when confirmations arrive out of time order.
     */
    public List<GmvMilestoneReached> passed(long totalBeforeFen, NavigableMap<Instant, Long> gmvBySecond,
                                            Set<String> alreadyReached, Instant latestCountedBefore) {
        List<GmvMilestoneReached> reached = new ArrayList<>();
        Set<String> announced = new HashSet<>(alreadyReached);
        long running = totalBeforeFen;
        for (Map.Entry<Instant, Long> second : gmvBySecond.entrySet()) {
            long before = running;
            running += second.getValue();
            Instant at = latestCountedBefore != null && latestCountedBefore.isAfter(second.getKey())
                    ? latestCountedBefore : second.getKey();
            for (Mark mark : marks) {
                if (running >= mark.fen() && (mark.moves() || before < mark.fen()) && announced.add(mark.id())) {
                    reached.add(new GmvMilestoneReached(mark.id(), mark.kind(), mark.label(), Money.fen(mark.fen()),
                            Money.fen(running), at, FestivalDay.secondsAfterMidnight(at)));
                }
            }
        }
        return reached;
    }

    /** 2684000 reads "2.684 million": the way a headline says it. */
    static String words(long cny) {
        String[] names = {"trillion", "billion", "million", "thousand"};
        long[] units = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (cny >= units[i]) {
                return java.math.BigDecimal.valueOf(cny).divide(java.math.BigDecimal.valueOf(units[i]))
                        .stripTrailingZeros().toPlainString() + " " + names[i];
            }
        }
        return Long.toString(cny);
    }
}
