package io.singlesday.curve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DayCurveTest {

    private final DayCurve curve = DayCurve.fit(Checkpoint.Y2019);

    @Test
    void passesNearEveryPublishedCheckpointOf2019() {
        for (Checkpoint c : Checkpoint.Y2019) {
            double published = c.cumulativeBillionCny() / 268.4;
            assertThat(curve.share(c.secondsAfterMidnight())).as(c.as())
                    .isCloseTo(published, within(published * 0.10));
        }
        assertThat(curve.share(DayCurve.DAY)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theRateIsAShareOfTheDayThatAddsUpToTheWhole() {
        double sum = curve.sample(0, DayCurve.DAY - 1, 1).stream().mapToDouble(p -> p[1]).sum();
        assertThat(sum).isCloseTo(1.0, within(0.01));
        assertThat(curve.sample(0, DayCurve.DAY, 60)).allSatisfy(p -> assertThat(p[1]).isNotNegative());
    }

    @Test
    void ordersPeakSecondsAfterMidnightTroughAtDawnAndPeakAgainInTheEvening() {
        assertThat(argmax(0, 600, 1)).isBetween(20.0, 35.0);
        assertThat(argmin(3_600, 20 * 3_600, 60)).isBetween(4 * 3_600.0, 6 * 3_600.0);
        assertThat(argmax(15 * 3_600, 23.5 * 3_600, 60)).as("the evening peak").isBetween(20 * 3_600.0, 22 * 3_600.0);
        assertThat(curve.rate(26)).isGreaterThan(100 * curve.rate(5 * 3_600));
    }

    @Test
    void theFitIsPrintedCheckpointByCheckpoint() {
        String report = curve.fitReport(Checkpoint.Y2019);
        assertThat(report).contains("1 min 36 s", "5 min 25 s", "1 h 04 min", "14 h 21 min", "24 h", "error")
                .contains("share by hour:");
        assertThat(report.lines().filter(l -> l.contains("published"))).hasSize(5);
    }

    @Test
    void checkpointsThatDoNotEndTheDayAreRefused() {
        assertThatThrownBy(() -> DayCurve.fit(List.of(new Checkpoint(2019, 96, 10, "x"), new Checkpoint(2019, 325, 30, "y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("86400");
    }

    private double argmax(double from, double to, double step) {
        return curve.sample(from, to, step).stream().max((a, b) -> Double.compare(a[1], b[1])).orElseThrow()[0];
    }

    private double argmin(double from, double to, double step) {
        return curve.sample(from, to, step).stream().min((a, b) -> Double.compare(a[1], b[1])).orElseThrow()[0];
    }
}
