package io.singlesday.gmv.counting;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OrderContributionTest {

    private static final UUID LANCOME = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID NIVEA = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Instant AT = Instant.parse("2026-11-10T16:00:26Z");

    private static OrderConfirmed.Line line(UUID brand, long category, String country, int quantity, long paid) {
        return new OrderConfirmed.Line(UUID.randomUUID(), UUID.randomUUID(), brand, category, country, quantity,
                Money.fen(paid + 100), Money.fen(100), Money.fen(paid));
    }

    private static final OrderConfirmed ORDER = new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), "s-1",
            UUID.randomUUID(), LANCOME, OrderConfirmed.Channel.LIVESTREAM, "session-7", OrderConfirmed.Device.MOBILE,
            "Hangzhou", "Zhejiang", AT, Money.fen(60_300), Money.fen(300), Money.fen(60_000),
            List.of(line(LANCOME, 301, "FR", 2, 40_000), line(LANCOME, 302, "FR", 1, 15_000), line(NIVEA, 301, "DE", 1, 5_000)));

    @Test
    void orderWideFiguresTakeThePaidTotalOnce() {
        Map<String, Figures> f = OrderContribution.of(ORDER);
        Figures whole = new Figures(60_000, 1, 4);
        assertThat(f.get("total")).isEqualTo(whole);
        assertThat(f.get("channel|LIVESTREAM")).isEqualTo(whole);
        assertThat(f.get("device|MOBILE")).isEqualTo(whole);
        assertThat(f.get("city|Hangzhou")).isEqualTo(whole);
        assertThat(f.get("province|Zhejiang")).isEqualTo(whole);
        assertThat(f.get("session|session-7")).isEqualTo(whole);
        assertThat(f.get("second|" + AT.getEpochSecond())).isEqualTo(whole);
        assertThat(f.get("minute|" + (AT.getEpochSecond() - 26))).isEqualTo(whole);
        assertThat(f.get("hour|" + (AT.getEpochSecond() - 26))).isEqualTo(whole);
    }

    @Test
    void lineFiguresTakeTheirLinesAndCountTheOrderOncePerValue() {
        Map<String, Figures> f = OrderContribution.of(ORDER);
        assertThat(f.get("country|FR")).isEqualTo(new Figures(55_000, 1, 3));
        assertThat(f.get("country|DE")).isEqualTo(new Figures(5_000, 1, 1));
        assertThat(f.get("category|301")).isEqualTo(new Figures(45_000, 1, 3));
        assertThat(f.get("brand|" + LANCOME)).isEqualTo(new Figures(55_000, 1, 3));
        assertThat(f.get("brand|" + NIVEA)).isEqualTo(new Figures(5_000, 1, 1));
        assertThat(f.get("b|" + NIVEA + "|city|Hangzhou")).isEqualTo(new Figures(5_000, 1, 1));
        assertThat(f.get("b|" + LANCOME + "|category|302")).isEqualTo(new Figures(15_000, 1, 1));
        assertThat(f.get("b|" + LANCOME + "|hour|" + (AT.getEpochSecond() - 26))).isEqualTo(new Figures(55_000, 1, 3));
    }

    @Test
    void anOrderOutsideALivestreamHasNoSessionFigure() {
        OrderConfirmed app = new OrderConfirmed(ORDER.orderId(), ORDER.checkoutId(), "s-1", ORDER.storeId(), LANCOME,
                OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang", AT,
                ORDER.listTotal(), ORDER.discountTotal(), ORDER.paidTotal(), ORDER.lines());
        assertThat(OrderContribution.of(app).keySet()).noneMatch(k -> k.startsWith("session|"));
    }

    @Test
    void batchesSurviveTheirEncoding() {
        Map<String, Figures> f = OrderContribution.of(ORDER);
        PendingSums sums = new PendingSums();
        f.forEach(sums::add);
        assertThat(FigureBatch.decode(sums.encode())).isEqualTo(f);
        assertThat(Figures.fromBytes(new Figures(-5, -1, -2).toBytes())).isEqualTo(new Figures(-5, -1, -2));
    }

    @Test
    void pendingSumsAddInPlaceAndAReversalLeavesEveryFigureAtZero() {
        CountedSale sale = CountedSale.of(ORDER);
        PendingSums pending = new PendingSums();
        OrderContribution.addSale(sale, 1, pending);
        OrderContribution.addSale(sale, 1, pending);
        Map<String, Figures> twice = FigureBatch.decode(pending.encode());
        OrderContribution.of(sale).forEach((figure, once) ->
                assertThat(twice.get(figure)).isEqualTo(once.plus(once)));
        assertThat(twice).hasSameSizeAs(OrderContribution.of(sale));

        OrderContribution.addSale(sale, -1, pending);
        OrderContribution.addSale(sale, -1, pending);
        assertThat(FigureBatch.decode(pending.encode()).values()).allMatch(Figures::isZero);
    }

    @Test
    void anOverflowingSumIsRefusedNotWrapped() {
        PendingSums pending = new PendingSums();
        pending.add("total", Long.MAX_VALUE, 1, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pending.add("total", 1, 1, 1))
                .isInstanceOf(ArithmeticException.class);
    }
}
