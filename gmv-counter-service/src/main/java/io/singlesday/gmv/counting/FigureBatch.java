package io.singlesday.gmv.counting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sums one partition of orders.events added since its last hand-over: figure key to delta. */
public final class FigureBatch {

    private FigureBatch() {
    }

    public static byte[] encode(Map<String, Figures> deltas) {
        int size = Integer.BYTES;
        Map<byte[], Figures> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, Figures> e : deltas.entrySet()) {
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            encoded.put(key, e.getValue());
            size += Integer.BYTES + key.length + Figures.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(encoded.size());
        encoded.forEach((key, figures) -> {
            buffer.putInt(key.length).put(key);
            figures.write(buffer);
        });
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
