package io.singlesday.loadtest.model;

import io.singlesday.curve.Checkpoint;
import io.singlesday.curve.DayCurve;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadShapeTest {

    private static final DayCurve CURVE = DayCurve.fit(Checkpoint.Y2019);

    @Test
    void twentyNineteenAtOneToAHundredThousandPeaksAtFiveOrdersASecondAndPlaysTheDayIn24Minutes() {
        LoadShape shape = new LoadShape(CURVE, 5.44, 60);
        assertThat(shape.replaySeconds()).isEqualTo(1_440);
        double peak = 0;
        for (double t = 0; t < 60; t += 0.01) {
            peak = Math.max(peak, shape.rateAt(t));
        }
        assertThat(peak).isCloseTo(5.44, within(0.01));
        assertThat(shape.rateAt(26.0 / 60)).isCloseTo(5.44, within(0.05));
    }

    @Test
    void theRampsSendWhatTheCurveAddsUpTo() {
        LoadShape shape = new LoadShape(CURVE, 50, 600);
        List<LoadShape.Segment> segments = shape.segments(1);
        assertThat(segments.stream().mapToDouble(LoadShape.Segment::seconds).sum()).isCloseTo(shape.replaySeconds(), within(1e-6));
        double sent = segments.stream().mapToDouble(LoadShape.Segment::orders).sum();
        assertThat(sent).isCloseTo(shape.totalOrders(), within(shape.totalOrders() * 0.03));
        // Where the rate moves fast the ramps get shorter, down to 10 ms; longer ones change by a tenth of the peak at most.
        assertThat(segments).filteredOn(s -> s.seconds() > 0.01)
                .allSatisfy(s -> assertThat(Math.abs(s.toPerSecond() - s.fromPerSecond())).isLessThanOrEqualTo(5.0 + 1e-9));
        assertThat(segments.getFirst().seconds()).as("the spike is cut finer than a second").isLessThan(1);
    }

    @Test
    void scaleAndSpeedOutOfRangeAreRefusedWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> new LoadShape(CURVE, 0, 60)).hasMessageContaining("peak rate");
        assertThatThrownBy(() -> new LoadShape(CURVE, 1e9, 60)).hasMessageContaining("100,000");
        assertThatThrownBy(() -> new LoadShape(CURVE, 5, 0.5)).hasMessageContaining("compression");
        assertThatThrownBy(() -> new LoadShape(CURVE, 5, Double.NaN)).hasMessageContaining("compression");
        assertThatThrownBy(() -> new LoadShape(CURVE, 5, 60).segments(0)).hasMessageContaining("step");
    }
}
