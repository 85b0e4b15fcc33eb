package io.singlesday.gmv.counting;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the counter keeps of a counted order: only the fields its figures are made of, in a compact binary form
 * (about a tenth of the ~1.5 KB JSON envelope), so that the ledger can later take the order back out or read a
 * refund against it, and a restart can rebuild what was not yet handed over.
 */
record CountedSale(Instant confirmedAt, OrderConfirmed.Channel channel, OrderConfirmed.Device device, String city,
                   String province, String livestreamId, long paidFen, List<Line> lines) {

    record Line(UUID brandId, String originCountry, long categoryId, int quantity, long paidFen) {
    }

    static CountedSale of(OrderConfirmed order) {
        List<Line> lines = new ArrayList<>(order.lines().size());
        for (OrderConfirmed.Line l : order.lines()) {
            lines.add(new Line(l.brandId(), l.originCountry(), l.categoryId(), l.quantity(), l.paid().minor()));
        }
        return new CountedSale(order.confirmedAt(), order.channel(), order.device(), order.city(), order.province(),
                order.livestreamId() == null || order.livestreamId().isBlank() ? null : order.livestreamId(),
                order.paidTotal().minor(), List.copyOf(lines));
    }

    byte[] toBytes() {
        byte[] cityBytes = utf8(city);
        byte[] provinceBytes = utf8(province);
        byte[] sessionBytes = utf8(livestreamId == null ? "" : livestreamId);
        List<byte[]> origins = lines.stream().map(l -> utf8(l.originCountry())).toList();
        int size = 8 + 4 + 1 + 1 + 12 + cityBytes.length + provinceBytes.length + sessionBytes.length + 8 + 2
                + lines.size() * (16 + 4 + 8 + 4 + 8) + origins.stream().mapToInt(o -> o.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(confirmedAt.getEpochSecond()).putInt(confirmedAt.getNano());
        out.put((byte) channel.ordinal()).put((byte) device.ordinal());
        out.putInt(cityBytes.length).put(cityBytes);
        out.putInt(provinceBytes.length).put(provinceBytes);
        out.putInt(sessionBytes.length).put(sessionBytes);
        out.putLong(paidFen).putShort((short) lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            out.putLong(l.brandId().getMostSignificantBits()).putLong(l.brandId().getLeastSignificantBits());
            out.putInt(origins.get(i).length).put(origins.get(i));
            out.putLong(l.categoryId()).putInt(l.quantity()).putLong(l.paidFen());
        }
        return out.array();
    }

    static CountedSale read(ByteBuffer in) {
        Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
        OrderConfirmed.Channel channel = OrderConfirmed.Channel.values()[in.get()];
        OrderConfirmed.Device device = OrderConfirmed.Device.values()[in.get()];
        String city = utf(in);
        String province = utf(in);
        String session = utf(in);
        long paid = in.getLong();
        int count = in.getShort();
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new Line(new UUID(in.getLong(), in.getLong()), utf(in), in.getLong(), in.getInt(), in.getLong()));
        }
        return new CountedSale(at, channel, device, city, province, session.isEmpty() ? null : session, paid, List.copyOf(lines));
    }

    /** A refund as the figures need it. */
    record Refund(Instant refundedAt, long amountFen, List<RefundLine> lines) {

        record RefundLine(UUID brandId, long categoryId, int quantity, long amountFen) {
        }

        static Refund of(OrderRefunded refund) {
            return new Refund(refund.refundedAt(), refund.amount().minor(), refund.lines().stream()
                    .map(l -> new RefundLine(l.brandId(), l.categoryId(), l.quantity(), l.amount().minor())).toList());
        }

        byte[] toBytes() {
            ByteBuffer out = ByteBuffer.allocate(8 + 4 + 8 + 2 + lines.size() * (16 + 8 + 4 + 8));
            out.putLong(refundedAt.getEpochSecond()).putInt(refundedAt.getNano()).putLong(amountFen).putShort((short) lines.size());
            for (RefundLine l : lines) {
                out.putLong(l.brandId().getMostSignificantBits()).putLong(l.brandId().getLeastSignificantBits())
                        .putLong(l.categoryId()).putInt(l.quantity()).putLong(l.amountFen());
            }
            return out.array();
        }

        static Refund read(ByteBuffer in) {
            Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
            long amount = in.getLong();
            int count = in.getShort();
            List<RefundLine> lines = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                lines.add(new RefundLine(new UUID(in.getLong(), in.getLong()), in.getLong(), in.getInt(), in.getLong()));
            }
            return new Refund(at, amount, List.copyOf(lines));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf(ByteBuffer in) {
        byte[] raw = new byte[in.getInt()];
        in.get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }
}
