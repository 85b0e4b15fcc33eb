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
}
