package io.singlesday.gmv.counting;

import io.singlesday.contracts.orders.OrderConfirmed;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one confirmed order adds to each figure. Order-wide figures (total, channel, device, city, province,
 * livestream session, time buckets) take the paid total; line figures (origin country, category, brand) take
 * the paid amounts of their own lines and count the order once per value. A reversal subtracts exactly this.
 * A refund leaves the headline figures as announced (gross) and adds to the refund figures; a brand's own
 * analytics, which it reads as what it really sold, are net of it.
 */
public final class OrderContribution {

    private OrderContribution() {
    }

    /** Where a contribution goes: each figure's change, as it is made. */
    interface Sink {
        void add(String figure, long gmvFen, long orders, long units);
    }

    public static Map<String, Figures> of(OrderConfirmed order) {
        return of(CountedSale.of(order));
    }

    static Map<String, Figures> of(CountedSale order) {
        Map<String, Figures> figures = new HashMap<>(48);
        addSale(order, 1, into(figures));
        return figures;
    }

    /** What a refund adds: to the refund totals, and taken out of the brand's own analytics of the sale it reverses. */
    static Map<String, Figures> ofRefund(CountedSale sale, CountedSale.Refund refund) {
        Map<String, Figures> figures = new HashMap<>(16);
        addRefund(sale, refund, into(figures));
        return figures;
    }

    /** A sale's contribution (sign 1) or its reversal (sign -1), straight into the sink: nothing kept per order. */
    static void addSale(CountedSale order, int sign, Sink sink) {
        long units = 0;
        for (CountedSale.Line line : order.lines()) {
            units += line.quantity();
        }
        long fen = sign * order.paidFen();
        long orders = sign;
        units *= sign;
        sink.add(FigureKeys.TOTAL, fen, orders, units);
        sink.add(FigureKeys.of(FigureKeys.CHANNEL, order.channel().name()), fen, orders, units);
        sink.add(FigureKeys.of(FigureKeys.DEVICE, order.device().name()), fen, orders, units);
        sink.add(FigureKeys.of(FigureKeys.CITY, order.city()), fen, orders, units);
        sink.add(FigureKeys.of(FigureKeys.PROVINCE, order.province()), fen, orders, units);
        if (order.livestreamId() != null) {
            sink.add(FigureKeys.of(FigureKeys.SESSION, order.livestreamId()), fen, orders, units);
        }
        sink.add(FigureKeys.time(FigureKeys.SECOND, order.confirmedAt()), fen, orders, units);
        sink.add(FigureKeys.time(FigureKeys.MINUTE, order.confirmedAt()), fen, orders, units);
        String hourKey = FigureKeys.time(FigureKeys.HOUR, order.confirmedAt());
        sink.add(hourKey, fen, orders, units);

        String hour = FigureKeys.valueOf(hourKey);
        // Line figures count the order once per value; with one line every key is met once.
        Set<String> orderCounted = order.lines().size() > 1 ? new HashSet<>() : null;
        for (CountedSale.Line line : order.lines()) {
            UUID brand = line.brandId();
            String category = Long.toString(line.categoryId());
            String brandPrefix = FigureKeys.brandPrefix(brand);
            long lineFen = sign * line.paidFen();
            long lineUnits = sign * line.quantity();
            for (String key : new String[]{
                    FigureKeys.of(FigureKeys.COUNTRY, line.originCountry()),
                    FigureKeys.of(FigureKeys.CATEGORY, category),
                    FigureKeys.of(FigureKeys.BRAND, brand.toString()),
                    brandPrefix + FigureKeys.of(FigureKeys.CITY, order.city()),
                    brandPrefix + FigureKeys.of(FigureKeys.PROVINCE, order.province()),
                    brandPrefix + FigureKeys.of(FigureKeys.CHANNEL, order.channel().name()),
                    brandPrefix + FigureKeys.of(FigureKeys.CATEGORY, category),
                    brandPrefix + FigureKeys.of(FigureKeys.HOUR, hour)}) {
                long counted = orderCounted == null || orderCounted.add(key) ? orders : 0;
                sink.add(key, lineFen, counted, lineUnits);
            }
        }
    }

    static void addRefund(CountedSale sale, CountedSale.Refund refund, Sink sink) {
        long units = 0;
        for (CountedSale.Refund.RefundLine line : refund.lines()) {
            units += line.quantity();
        }
        sink.add(FigureKeys.REFUNDS, refund.amountFen(), 1, units);
        sink.add(FigureKeys.time(FigureKeys.REFUND_SECOND, refund.refundedAt()), refund.amountFen(), 1, units);
        String hour = FigureKeys.valueOf(FigureKeys.time(FigureKeys.HOUR, sale.confirmedAt()));
        Set<String> refundCounted = new HashSet<>();
        for (CountedSale.Refund.RefundLine line : refund.lines()) {
            UUID brand = line.brandId();
            String refunds = FigureKeys.brandPrefix(brand) + FigureKeys.BRAND_REFUNDS;
            sink.add(refunds, line.amountFen(), refundCounted.add(refunds) ? 1 : 0, line.quantity());
            long fen = -line.amountFen();
            long back = -line.quantity();
            sink.add(FigureKeys.brand(brand, FigureKeys.CITY, sale.city()), fen, 0, back);
            sink.add(FigureKeys.brand(brand, FigureKeys.PROVINCE, sale.province()), fen, 0, back);
            sink.add(FigureKeys.brand(brand, FigureKeys.CHANNEL, sale.channel().name()), fen, 0, back);
            sink.add(FigureKeys.brand(brand, FigureKeys.CATEGORY, Long.toString(line.categoryId())), fen, 0, back);
            sink.add(FigureKeys.brand(brand, FigureKeys.HOUR, hour), fen, 0, back);
        }
    }

    private static Sink into(Map<String, Figures> figures) {
        return (figure, gmvFen, orders, units) -> figures.merge(figure, new Figures(gmvFen, orders, units), Figures::plus);
    }
}
