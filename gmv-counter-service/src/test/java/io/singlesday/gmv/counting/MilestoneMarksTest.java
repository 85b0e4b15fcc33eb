package io.singlesday.gmv.counting;

import io.singlesday.contracts.gmv.GmvMilestoneReached;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MilestoneMarksTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-10T16:00:00Z");
    private final MilestoneMarks marks = new MilestoneMarks(10_000, 1_000_000_000_000L, 2_684_000);

    @Test
    void roundThresholdsGrowByTensAndReadAsHeadlines() {
        assertThat(marks.marks()).extracting(MilestoneMarks.Mark::label).containsExactly(
                "first 10 thousand", "first 100 thousand", "first 1 million", "first 10 million", "first 100 million",
                "first 1 billion", "first 10 billion", "first 100 billion", "first 1 trillion",
                "record broken: last year's 2.684 million passed");
    }

    @Test
    void aMarkIsReachedInTheSecondTheRunningTotalPassesIt() {
        TreeMap<Instant, Long> seconds = new TreeMap<>();
        seconds.put(MIDNIGHT.plusSeconds(95), 400_000L);
        seconds.put(MIDNIGHT.plusSeconds(96), 300_000L);
        seconds.put(MIDNIGHT.plusSeconds(97), 300_000L);
        List<GmvMilestoneReached> reached = marks.passed(400_000, seconds, Set.of(), null);
        assertThat(reached).singleElement().satisfies(m -> {
            assertThat(m.milestoneId()).isEqualTo("threshold-10000");
            assertThat(m.reachedAt()).isEqualTo(MIDNIGHT.plusSeconds(96));
            assertThat(m.secondsAfterMidnight()).isEqualTo(96);
            assertThat(m.totalAtMark().minor()).isEqualTo(1_100_000);
        });
    }

    @Test
    void aMarkAlreadyReachedOrNotYetPassedIsNotAnnounced() {
        TreeMap<Instant, Long> seconds = new TreeMap<>();
        seconds.put(MIDNIGHT, 50_000L);
        assertThat(marks.passed(960_000, seconds, Set.of("threshold-10000"), null)).isEmpty();
        assertThat(marks.passed(900_000, seconds, Set.of(), null)).isEmpty();
        assertThat(marks.passed(1_000_000, seconds, Set.of(), null)).isEmpty();
    }

    @Test
    void oneBigBatchCanPassSeveralMarksAndTheRecord() {
        TreeMap<Instant, Long> seconds = new TreeMap<>();
        seconds.put(MIDNIGHT.plusSeconds(55_182), 300_000_000L);
        assertThat(marks.passed(0, seconds, Set.of(), null)).extracting(GmvMilestoneReached::milestoneId)
                .containsExactly("threshold-10000", "threshold-100000", "threshold-1000000", "record-2684000");
    }

    @Test
    void anOrderConfirmedEarlierButCountedLaterCannotDateAMarkBeforeWhatWasAlreadyCounted() {
        TreeMap<Instant, Long> lateArrival = new TreeMap<>();
        lateArrival.put(MIDNIGHT.plusSeconds(12), 200_000L);
        assertThat(marks.passed(900_000, lateArrival, Set.of(), MIDNIGHT.plusSeconds(38)))
                .singleElement().satisfies(m -> assertThat(m.secondsAfterMidnight()).isEqualTo(38));
        assertThat(marks.passed(900_000, lateArrival, Set.of(), MIDNIGHT.plusSeconds(5)))
                .singleElement().satisfies(m -> assertThat(m.secondsAfterMidnight()).isEqualTo(12));
    }

    @Test
    void nonsenseMarksAreRefused() {
        assertThatThrownBy(() -> new MilestoneMarks(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MilestoneMarks(100, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atARunsScaleLastYearsHeadlinesComeAtTheirShareOfTheRunsDay() {
        // 2019 sold 268.4 billion; a run whose whole day is 26,840 CNY hears "first 1 billion" at 1/268.4 of it.
        MilestoneMarks marks = MilestoneMarks.atScale(268_400_000_000L, 2_684_000L, "run1", "2019 at 1:10,000,000");
        assertThat(marks.marks()).extracting(MilestoneMarks.Mark::id)
                .containsExactly("threshold-1000000000@run1", "threshold-10000000000@run1", "threshold-100000000000@run1", "record@run1");
        assertThat(marks.marks()).extracting(MilestoneMarks.Mark::fen).containsExactly(10_000L, 100_000L, 1_000_000L, 2_684_000L);
        assertThat(marks.marks().getFirst().label()).isEqualTo("first 1 billion (2019 at 1:10,000,000)");
        assertThat(marks.marks().getLast().label()).isEqualTo("record broken: last year's 268.4 billion passed (2019 at 1:10,000,000)");
        assertThat(MilestoneMarks.atScale(268_400_000_000L, 0, "run1", "x").marks()).as("nothing sold, nothing to pass").isEmpty();

        var reached = marks.passed(95_000L, new java.util.TreeMap<>(java.util.Map.of(Instant.parse("2026-11-10T17:03:00Z"), 10_000L)),
                java.util.Set.of(), null);
        // A run's marks move with its mean order value, so one the total is already past is announced with the next
        // sums (here the 1-billion mark, 10,000 fen, below the 95,000 before the batch) rather than never.
        assertThat(reached).extracting(GmvMilestoneReached::milestoneId)
                .containsExactly("threshold-1000000000@run1", "threshold-10000000000@run1");
        assertThat(marks.passed(105_000L, new java.util.TreeMap<>(java.util.Map.of(Instant.parse("2026-11-10T17:04:00Z"), 1L)),
                java.util.Set.of("threshold-1000000000@run1", "threshold-10000000000@run1"), null)).isEmpty();
    }
}
