package io.singlesday.gmv.counting;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.platform.clock.FestivalDay;

import java.time.Instant;
import java.util.ArrayList;
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

    public record Mark(String id, GmvMilestoneReached.Kind kind, String label, long fen) {
    }

    private final List<Mark> marks;

    public MilestoneMarks(long firstThresholdCny, long lastThresholdCny, long previousYearTotalCny) {
        if (firstThresholdCny < 1 || lastThresholdCny < firstThresholdCny || previousYearTotalCny < 0) {
            throw new IllegalArgumentException("thresholds must be positive and ordered, the previous year's total not negative");
        }
        List<Mark> all = new ArrayList<>();
        for (long cny = firstThresholdCny; cny <= lastThresholdCny && cny <= Long.MAX_VALUE / 1000; cny *= 10) {
            all.add(new Mark("threshold-" + cny, GmvMilestoneReached.Kind.ROUND_THRESHOLD, "first " + words(cny), cny * 100));
        }
        if (previousYearTotalCny > 0) {
            all.add(new Mark("record-" + previousYearTotalCny, GmvMilestoneReached.Kind.RECORD_BROKEN,
                    "record broken: last year's " + words(previousYearTotalCny) + " passed", previousYearTotalCny * 100));
        }
        this.marks = List.copyOf(all);
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
        long running = totalBeforeFen;
        for (Map.Entry<Instant, Long> second : gmvBySecond.entrySet()) {
            long before = running;
            running += second.getValue();
            Instant at = latestCountedBefore != null && latestCountedBefore.isAfter(second.getKey())
                    ? latestCountedBefore : second.getKey();
            for (Mark mark : marks) {
                if (before < mark.fen() && running >= mark.fen() && !alreadyReached.contains(mark.id())) {
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
