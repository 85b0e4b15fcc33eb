package io.singlesday.discounts;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a discount over lines in proportion to their amounts, in whole fen, exactly: the shares add up to the
 * total, no share exceeds its line, and the same input always gives the same split. Each line first gets the
 * floor of its exact share; the fen left over go one each to the lines with the largest cut-off fractions, the
 * earlier line first on a tie. So a later refund of one line refunds exactly what that line paid.
 */
public final class Apportion {

    private Apportion() {
    }

    public static long[] split(long total, long[] weights) {
        long sum = Arrays.stream(weights).sum();
        if (total < 0 || Arrays.stream(weights).anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("amounts must not be negative");
        }
        if (total > sum) {
            throw new IllegalArgumentException("cannot take " + total + " off lines worth " + sum);
        }
        long[] shares = new long[weights.length];
        if (total == 0) {
            return shares;
        }
        BigInteger whole = BigInteger.valueOf(sum);
        BigInteger[] remainders = new BigInteger[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(whole);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += shares[i];
        }
        int[] byRemainder = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; given < total; k++, given++) {
            shares[byRemainder[k]]++;
        }
        return shares;
    }
}
