package io.singlesday.gmv.counting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sums one partition of orders.events added since its last hand-over: figure key to delta. */
public final class FigureBatch {

    private FigureBatch() {
    }

    /** Sums as the ledger keeps them, figure key to {gmv fen, orders, units}. */
    static byte[] encode(Map<String, long[]> sums) {
        int size = Integer.BYTES;
        Map<byte[], long[]> encoded = new LinkedHashMap<>(sums.size() * 2);
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            encoded.put(key, e.getValue());
            size += Integer.BYTES + key.length + Figures.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(encoded.size());
        encoded.forEach((key, sum) -> buffer.putInt(key.length).put(key).putLong(sum[0]).putLong(sum[1]).putLong(sum[2]));
        return buffer.array();
    }

    public static Map<String, Figures> decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        Map<String, Figures> deltas = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[buffer.getInt()];
            buffer.get(key);
            deltas.put(new String(key, StandardCharsets.UTF_8), Figures.read(buffer));
        }
        return deltas;
    }
}
