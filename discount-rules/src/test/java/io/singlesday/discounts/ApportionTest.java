package io.singlesday.discounts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApportionTest {

    @ParameterizedTest(name = "{0} fen over {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
            "100; 100,100,100; 34,33,33",    // remainder to the first line on a tie
            "5000; 19900,19900,30000; 1426,1425,2149",
            "1; 300,100; 1,0",
            "2; 1,1,1; 1,1,0",
            "0; 100,200; 0,0",
            "300; 100,200; 100,200",          // the whole amount: every line free
            "10; 0,7,3; 0,7,3",
            "7; 10,0,10; 4,0,3"})
    void splitsExactlyWithTheRemainderPlacedDeterministically(long total, String weights, String expected) {
        assertThat(Apportion.split(total, longs(weights))).containsExactly(longs(expected));
    }

    /** Property: for any amounts, the shares add up, stay within their lines and within one fen of exact. */
    @Test
    void anySplitAddsUpStaysWithinItsLinesAndIsWithinOneFenOfTheExactShare() {
        Random random = new Random(1111);
        for (int run = 0; run < 20_000; run++) {
            long[] weights = random.longs(1 + random.nextInt(12), 0, random.nextBoolean() ? 1_000 : 10_000_000_000L).toArray();
            long sum = Arrays.stream(weights).sum();
            long total = sum == 0 ? 0 : (long) (random.nextDouble() * sum);
            long[] shares = Apportion.split(total, weights);

            assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
            for (int i = 0; i < weights.length; i++) {
                assertThat(shares[i]).isBetween(0L, weights[i]);
                if (sum > 0) {
                    BigInteger exactTimesSum = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i]));
                    BigInteger diff = BigInteger.valueOf(shares[i]).multiply(BigInteger.valueOf(sum)).subtract(exactTimesSum).abs();
                    assertThat(diff).isLessThan(BigInteger.valueOf(sum));
                }
            }
            assertThat(Apportion.split(total, weights)).containsExactly(shares);
        }
    }

    @Test
    void refusesToTakeMoreThanTheLinesAreWorthOrNegativeAmounts() {
        assertThatThrownBy(() -> Apportion.split(301, new long[]{100, 200})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Apportion.split(1, new long[]{-5, 10})).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
    }
}
