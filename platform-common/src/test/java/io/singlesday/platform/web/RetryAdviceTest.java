package io.singlesday.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a refused caller is told to wait, as the share refused rises and falls; a clock the test moves. */
class RetryAdviceTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RetryAdvice advice = new RetryAdvice(1, 10, nanos::get);

    /** {@code seconds} seconds, each with this many callers admitted and refused. */
    private void during(int seconds, int admitted, int refused) {
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < admitted; i++) {
                advice.admitted();
            }
            for (int i = 0; i < refused; i++) {
                advice.refused();
            }
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        }
    }

    /** The shortest and longest answer over many asks (the jitter is random). */
    private int[] range() {
        int[] seen = IntStream.range(0, 500).map(i -> advice.seconds()).sorted().toArray();
        return new int[]{seen[0], seen[seen.length - 1]};
    }

    @Test
    void littleRefusedMeansTheBaseWithJitter() {
        during(5, 100, 2);
        advice.admitted();
        assertThat(range()).containsExactly(1, 2);
    }

    @Test
    void twoThirdsRefusedForSecondsMeansAboutThreeSecondsAndItFallsBackWhenTheLoadGoes() {
        during(6, 100, 200);
        advice.refused();
        assertThat(advice.refusedShare()).isBetween(0.6, 0.7);
        assertThat(range()).containsExactly(3, 4);

        during(6, 100, 0);
        advice.admitted();
        assertThat(range()).containsExactly(1, 2);
    }

    @Test
    void aQuietSpellAfterARushForgetsTheRush() {
        during(6, 10, 90);
        nanos.addAndGet(Duration.ofSeconds(8).toNanos());
        advice.admitted();
        assertThat(range()).containsExactly(1, 2);
    }

    @Test
    void nearlyEverythingRefusedIsCappedAtTheMaximum() {
        during(10, 1, 999);
        advice.refused();
        int[] range = range();
        assertThat(range[0]).isEqualTo(10);
        assertThat(range[1]).isLessThanOrEqualTo(11);
    }

    @Test
    void aBaseBelowOneOrAMaximumBelowItIsRefused() {
        assertThatThrownBy(() -> new RetryAdvice(0, 10)).hasMessageContaining("1 <= base <= max");
        assertThatThrownBy(() -> new RetryAdvice(5, 4)).hasMessageContaining("1 <= base <= max");
    }
}
