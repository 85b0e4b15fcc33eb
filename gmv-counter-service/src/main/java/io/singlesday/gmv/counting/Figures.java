package io.singlesday.gmv.counting;

import java.nio.ByteBuffer;

/**
 * One figure of the counter: GMV in fen, orders and units. Also used for deltas, which may be negative when a
 * confirmed order is reversed. Encoded as three longs, because the counter moves millions of them.
 */
public record Figures(long gmvFen, long orders, long units) {

    public static final Figures ZERO = new Figures(0, 0, 0);
    static final int BYTES = 3 * Long.BYTES;

    public Figures plus(Figures other) {
        return new Figures(Math.addExact(gmvFen, other.gmvFen), Math.addExact(orders, other.orders),
                Math.addExact(units, other.units));
    }

    public Figures negate() {
        return new Figures(-gmvFen, -orders, -units);
    }

    public boolean isZero() {
        return gmvFen == 0 && orders == 0 && units == 0;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(gmvFen).putLong(orders).putLong(units).array();
    }

    public static Figures fromBytes(byte[] bytes) {
        if (bytes == null) {
            return ZERO;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new Figures(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    static Figures read(ByteBuffer buffer) {
        return new Figures(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    void write(ByteBuffer buffer) {
        buffer.putLong(gmvFen).putLong(orders).putLong(units);
    }
}
