package io.singlesday.gmv.counting;

import java.util.HashMap;
import java.util.Map;

/**
 * A partition's sums not yet handed over, added to in place: one array per figure instead of a new {@link Figures}
 * for every change of every order. Sums are exact: an overflow throws rather than wraps.
 */
final class PendingSums implements OrderContribution.Sink {

    private final Map<String, long[]> sums = new HashMap<>();

    @Override
    public void add(String figure, long gmvFen, long orders, long units) {
        long[] sum = sums.get(figure);
        if (sum == null) {
            sums.put(figure, new long[]{gmvFen, orders, units});
        } else {
            sum[0] = Math.addExact(sum[0], gmvFen);
            sum[1] = Math.addExact(sum[1], orders);
            sum[2] = Math.addExact(sum[2], units);
        }
    }

    void add(String figure, Figures change) {
        add(figure, change.gmvFen(), change.orders(), change.units());
    }

    boolean isEmpty() {
        return sums.isEmpty();
    }

    void clear() {
        sums.clear();
    }

    /** The sums as a {@link FigureBatch}, in its encoding. */
    byte[] encode() {
        return FigureBatch.encode(sums);
    }
}
