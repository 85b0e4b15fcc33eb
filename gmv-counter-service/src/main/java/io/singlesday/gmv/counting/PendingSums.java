package io.singlesday.gmv.counting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        int size = Integer.BYTES;
        Map<byte[], long[]> encoded = new HashMap<>(sums.size() * 2);
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            encoded.put(key, e.getValue());
            size += Integer.BYTES + key.length + Figures.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(encoded.size());
        encoded.forEach((key, sum) -> buffer.putInt(key.length).put(key).putLong(sum[0]).putLong(sum[1]).putLong(sum[2]));
        return buffer.array();
    }
}
