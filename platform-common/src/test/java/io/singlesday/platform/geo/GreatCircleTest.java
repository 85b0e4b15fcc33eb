package io.singlesday.platform.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GreatCircleTest {

    @Test
    void distancesMatchKnownOnes() {
        // Shanghai (31.2304, 121.4737) to Beijing (39.9042, 116.4074): about 1,067 km.
        assertThat(GreatCircle.metres(31.2304, 121.4737, 39.9042, 116.4074)).isCloseTo(1_067_000, within(5_000.0));
        // One degree of latitude: about 111.2 km anywhere.
        assertThat(GreatCircle.metres(0, 0, 1, 0)).isCloseTo(111_195, within(10.0));
        assertThat(GreatCircle.metres(30, 120, 30, 120)).isZero();
        // Across the antimeridian the short way round, not 359.8 degrees.
        assertThat(GreatCircle.metres(0, 179.9, 0, -179.9)).isCloseTo(22_239, within(10.0));
    }

    @Test
    void longitudeDegreesShrinkTowardsThePoles() {
        double atEquator = GreatCircle.metres(0, 0, 0, 1);
        double atHangzhou = GreatCircle.metres(30, 120, 30, 121);
        assertThat(atHangzhou / atEquator).isCloseTo(Math.cos(Math.toRadians(30)), within(0.001));
    }
}
