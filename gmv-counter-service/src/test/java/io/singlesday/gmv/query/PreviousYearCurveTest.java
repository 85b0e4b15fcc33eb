package io.singlesday.gmv.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreviousYearCurveTest {

    private static final List<String> Y2019 = List.of("96:10", "325:30", "3840:100", "51660:200", "86400:268.4");
    private final PreviousYearCurve curve = new PreviousYearCurve(Y2019, 268_400_000L);

    @Test
    void passesNearThePublishedCheckpointsScaledToTheTotal() {
        assertThat(curve.cumulativeFen(0)).isZero();
        // The fitted festival curve, the one the load tester sends its orders along, within 2 % of each checkpoint.
        assertThat(curve.cumulativeFen(96)).isCloseTo(10_000_000L, within(200_000L));
        assertThat(curve.cumulativeFen(325)).isCloseTo(30_000_000L, within(600_000L));
        assertThat(curve.cumulativeFen(3_840)).isCloseTo(100_000_000L, within(2_000_000L));
        assertThat(curve.cumulativeFen(51_660)).isCloseTo(200_000_000L, within(4_000_000L));
        assertThat(curve.cumulativeFen(86_400)).isEqualTo(268_400_000L);
        assertThat(curve.cumulativeFen(100_000)).isEqualTo(268_400_000L);
    }

    @Test
    void aRunsScaleKeepsTheShapeAndTakesItsOwnTotalAndName() {
        PreviousYearCurve run = curve.scaledTo(26_840L, "a run at 1:10,000 of this");
        assertThat(run.basis()).isEqualTo("a run at 1:10,000 of this");
        assertThat(run.totalFen()).isEqualTo(26_840L);
        for (long s : new long[]{96, 325, 3_840, 51_660}) {
            assertThat(run.cumulativeFen(s)).isCloseTo(curve.cumulativeFen(s) / 10_000, within(1L));
        }
    }

    @Test
    void theFirstSecondsSellFasterThanTheAfternoon() {
        assertThat(curve.perSecondFen(30)).isGreaterThan(20 * curve.perSecondFen(40_000));
    }

    @Test
    void checkpointsMustRise() {
        assertThatThrownBy(() -> new PreviousYearCurve(List.of("100:10", "50:20"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreviousYearCurve(List.of("100"), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
