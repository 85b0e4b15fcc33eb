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

    public static Map<String, Figures> of(OrderConfirmed order) {
        return of(CountedSale.of(order));
    }

    static Map<String, Figures> of(CountedSale order) {
        Map<String, Figures> figures = new HashMap<>(48);
        long units = 0;
        for (CountedSale.Line line : order.lines()) {
            units += line.quantity();
        }
        Figures whole = new Figures(order.paidFen(), 1, units);
        add(figures, FigureKeys.TOTAL, whole);
        add(figures, FigureKeys.of(FigureKeys.CHANNEL, order.channel().name()), whole);
        add(figures, FigureKeys.of(FigureKeys.DEVICE, order.device().name()), whole);
        add(figures, FigureKeys.of(FigureKeys.CITY, order.city()), whole);
        add(figures, FigureKeys.of(FigureKeys.PROVINCE, order.province()), whole);
        if (order.livestreamId() != null) {
            add(figures, FigureKeys.of(FigureKeys.SESSION, order.livestreamId()), whole);
        }
        add(figures, FigureKeys.time(FigureKeys.SECOND, order.confirmedAt()), whole);
        add(figures, FigureKeys.time(FigureKeys.MINUTE, order.confirmedAt()), whole);
        String hourKey = FigureKeys.time(FigureKeys.HOUR, order.confirmedAt());
        add(figures, hourKey, whole);

        String hour = FigureKeys.valueOf(hourKey);
        Set<String> orderCounted = new HashSet<>();
        for (CountedSale.Line line : order.lines()) {
            UUID brand = line.brandId();
            String category = Long.toString(line.categoryId());
            lineFigure(figures, orderCounted, FigureKeys.of(FigureKeys.COUNTRY, line.originCountry()), line);
            lineFigure(figures, orderCounted, FigureKeys.of(FigureKeys.CATEGORY, category), line);
            lineFigure(figures, orderCounted, FigureKeys.of(FigureKeys.BRAND, brand.toString()), line);
            lineFigure(figures, orderCounted, FigureKeys.brand(brand, FigureKeys.CITY, order.city()), line);
            lineFigure(figures, orderCounted, FigureKeys.brand(brand, FigureKeys.PROVINCE, order.province()), line);
            lineFigure(figures, orderCounted, FigureKeys.brand(brand, FigureKeys.CHANNEL, order.channel().name()), line);
            lineFigure(figures, orderCounted, FigureKeys.brand(brand, FigureKeys.CATEGORY, category), line);
            lineFigure(figures, orderCounted, FigureKeys.brand(brand, FigureKeys.HOUR, hour), line);
        }
        return figures;
    }

    /** What a refund adds: to the refund totals, and taken out of the brand's own analytics of the sale it reverses. */
    static Map<String, Figures> ofRefund(CountedSale sale, CountedSale.Refund refund) {
        Map<String, Figures> figures = new HashMap<>(16);
        long units = 0;
        for (CountedSale.Refund.RefundLine line : refund.lines()) {
            units += line.quantity();
        }
        Figures whole = new Figures(refund.amountFen(), 1, units);
        add(figures, FigureKeys.REFUNDS, whole);
        add(figures, FigureKeys.time(FigureKeys.REFUND_SECOND, refund.refundedAt()), whole);
        String hour = FigureKeys.valueOf(FigureKeys.time(FigureKeys.HOUR, sale.confirmedAt()));
        Set<String> refundCounted = new HashSet<>();
        for (CountedSale.Refund.RefundLine line : refund.lines()) {
            UUID brand = line.brandId();
            Figures back = new Figures(-line.amountFen(), 0, -line.quantity());
            String refunds = FigureKeys.brandPrefix(brand) + FigureKeys.BRAND_REFUNDS;
            add(figures, refunds, new Figures(line.amountFen(), refundCounted.add(refunds) ? 1 : 0, line.quantity()));
            add(figures, FigureKeys.brand(brand, FigureKeys.CITY, sale.city()), back);
            add(figures, FigureKeys.brand(brand, FigureKeys.PROVINCE, sale.province()), back);
            add(figures, FigureKeys.brand(brand, FigureKeys.CHANNEL, sale.channel().name()), back);
            add(figures, FigureKeys.brand(brand, FigureKeys.CATEGORY, Long.toString(line.categoryId())), back);
            add(figures, FigureKeys.brand(brand, FigureKeys.HOUR, hour), back);
        }
        return figures;
    }

    private static void lineFigure(Map<String, Figures> figures, Set<String> orderCounted, String key,
                                   CountedSale.Line line) {
        long orders = orderCounted.add(key) ? 1 : 0;
        add(figures, key, new Figures(line.paidFen(), orders, line.quantity()));
    }

    private static void add(Map<String, Figures> figures, String key, Figures delta) {
        figures.merge(key, delta, Figures::plus);
    }
}
