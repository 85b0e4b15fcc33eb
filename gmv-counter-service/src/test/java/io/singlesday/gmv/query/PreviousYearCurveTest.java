package io.singlesday.gmv.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreviousYearCurveTest {

    private static final List<String> Y2019 = List.of("96:10", "325:30", "3840:100", "51660:200", "86400:268.4");
    private final PreviousYearCurve curve = new PreviousYearCurve(Y2019, 268_400_000L);

    @Test
    void passesThroughThePublishedCheckpointsScaledToTheTotal() {
        assertThat(curve.cumulativeFen(0)).isZero();
        assertThat(curve.cumulativeFen(96)).isEqualTo(10_000_000L);
        assertThat(curve.cumulativeFen(325)).isEqualTo(30_000_000L);
        assertThat(curve.cumulativeFen(51_660)).isEqualTo(200_000_000L);
        assertThat(curve.cumulativeFen(86_400)).isEqualTo(268_400_000L);
        assertThat(curve.cumulativeFen(100_000)).isEqualTo(268_400_000L);
        assertThat(curve.cumulativeFen(48)).isEqualTo(5_000_000L);
    }

    @Test
    void theFirstSecondsSellFasterThanTheAfternoon() {
        assertThat(curve.perSecondFen(30)).isGreaterThan(40 * curve.perSecondFen(40_000));
    }

    @Test
    void checkpointsMustRise() {
        assertThatThrownBy(() -> new PreviousYearCurve(List.of("100:10", "50:20"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreviousYearCurve(List.of("100"), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
