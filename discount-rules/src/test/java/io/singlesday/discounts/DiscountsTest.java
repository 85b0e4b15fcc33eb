package io.singlesday.discounts;

import io.singlesday.discounts.CouponRefused.Reason;
import io.singlesday.discounts.CouponTerms.Scope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden cases worked by hand (the arithmetic is in each comment), then properties over random baskets. */
class DiscountsTest {

    private final UUID storeA = UUID.randomUUID();
    private final UUID storeB = UUID.randomUUID();
    private final UUID phone = UUID.randomUUID();
    private final UUID cable = UUID.randomUUID();
    private final UUID tea = UUID.randomUUID();

    @Test
    void aStoreCouponThenThePlatformVoucherOverWhatIsLeft() {
        Basket basket = new Basket(List.of(
                new Basket.Order(storeA, List.of(line(phone, 20_000), line(cable, 10_000))),
                new Basket.Order(storeB, List.of(line(tea, 30_000)))));
        Discounted d = Discounts.apply(List.of(store("S", storeA, 30_000, 3_000, false), platform("P", 30_000, 5_000, true)), basket);
        // Store A: 3,000 over 20,000 : 10,000 -> 2,000 + 1,000; left 18,000, 9,000 and 30,000 (57,000: one step of 5,000).
        // Orders: 5,000 x 27/57 = 2,368.4 and x 30/57 = 2,631.6 -> the odd fen to B: 2,368 and 2,632.
        // Within A: 2,368 x 18/27 = 1,578.7, x 9/27 = 789.3 -> 1,579 and 789.
        assertThat(d.lineDiscountFen(0, 0)).isEqualTo(2_000 + 1_579);
        assertThat(d.lineDiscountFen(0, 1)).isEqualTo(1_000 + 789);
        assertThat(d.lineDiscountFen(1, 0)).isEqualTo(2_632);
        assertThat(d.taken()).containsExactly(new Discounted.Taken("S", 0, 3_000), new Discounted.Taken("P", 0, 2_368),
                new Discounted.Taken("P", 1, 2_632));
        assertThat(d.byCoupon()).containsExactly(Map.entry("S", 3_000L), Map.entry("P", 5_000L));
    }

    @Test
    void aProductCouponCountsOnlyItsProductThenTheStoreCouponWhatIsLeft() {
        Basket basket = new Basket(List.of(new Basket.Order(storeA,
                List.of(line(phone, 250_000), line(phone, 50_000), line(cable, 10_000)))));
        Discounted d = Discounts.apply(List.of(product("PR", storeA, phone, 0, 30_000), store("S", storeA, 0, 1_000, false)), basket);
        // 30,000 over the product's 250,000 : 50,000 -> 25,000 + 5,000; left 225,000, 45,000, 10,000 (280,000).
        // 1,000 of that: 803.57, 160.71, 35.71 -> 803, 160, 35 and two odd fen to .71 and .71 (earlier first): 803, 161, 36.
        assertThat(List.of(d.lineDiscountFen(0, 0), d.lineDiscountFen(0, 1), d.lineDiscountFen(0, 2)))
                .containsExactly(25_000L + 803, 5_000L + 161, 36L);
        assertThat(d.orderDiscountFen(0)).isEqualTo(31_000);
    }

    @Test
    void aSteppedVoucherTakesItsDiscountForEveryFullThresholdButNeverMoreThanTheAmount() {
        assertThat(platform("P", 30_000, 5_000, true).discountOn(95_000)).isEqualTo(15_000);
        assertThat(platform("P", 30_000, 5_000, false).discountOn(95_000)).isEqualTo(5_000);
        assertThat(platform("P", 0, 5_000, false).discountOn(3_000)).isEqualTo(3_000);
        assertThat(platform("P", 0, 5_000, true).discountOn(0)).isZero();
    }

    @Test
    void refusesWhatTheRulesDoNotAllow() {
        Basket basket = new Basket(List.of(new Basket.Order(storeA, List.of(line(phone, 20_000)))));
        assertRefused(List.of(store("S1", storeA, 0, 100, false), store("S2", storeA, 0, 100, false)), basket, "S2", Reason.NOT_STACKABLE);
        assertRefused(List.of(platform("P1", 0, 100, false), platform("P2", 0, 100, false)), basket, "P2", Reason.NOT_STACKABLE);
        assertRefused(List.of(product("X1", storeA, phone, 0, 100), product("X2", storeA, phone, 0, 100)), basket, "X2", Reason.NOT_STACKABLE);
        assertRefused(List.of(product("X", storeA, tea, 0, 100)), basket, "X", Reason.WRONG_PRODUCT);
        assertRefused(List.of(store("S", storeB, 0, 100, false)), basket, "S", Reason.WRONG_STORE);
        CouponRefused refused = assertRefused(List.of(store("S", storeA, 15_000, 1_000, false), platform("P", 20_000, 500, false)),
                basket, "P", Reason.THRESHOLD_NOT_REACHED);
        assertThat(refused.eligibleFen()).isEqualTo(19_000); // what the store coupon left counts towards the voucher
    }

    /**
     * The coupon service sees each order as per-product sums (and an amount no product coupon counts); the order
     * service sees lines. Over random baskets both views give every coupon the same fen on every order, and the lines'
     * discounts add up to them and never exceed a line.
     */
    @Test
    void theCouponServicesPerProductViewAgreesWithTheLinesToTheFen() {
        Random random = new Random(1111);
        UUID[] stores = {storeA, storeB, UUID.randomUUID()};
        UUID[] products = {phone, cable, tea, UUID.randomUUID(), UUID.randomUUID()};
        int checked = 0;
        for (int round = 0; round < 5_000; round++) {
            List<Basket.Order> lines = new ArrayList<>();
            List<Basket.Order> sums = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(3); s++) {
                List<Basket.Line> orderLines = new ArrayList<>();
                for (int l = 0; l < 1 + random.nextInt(4); l++) {
                    // a product belongs to one store: store s sells products s and s + 3
                    int p = s + 3 * random.nextInt(2);
                    UUID product = products[p < products.length ? p : s];
                    orderLines.add(line(product, 1 + random.nextInt(60_000)));
                }
                lines.add(new Basket.Order(stores[s], orderLines));
                Map<UUID, Long> perProduct = new LinkedHashMap<>();
                orderLines.forEach(l -> perProduct.merge(l.productId(), l.listFen(), Long::sum));
                List<Basket.Line> summed = new ArrayList<>(perProduct.entrySet().stream().map(e -> line(e.getKey(), e.getValue())).toList());
                sums.add(new Basket.Order(stores[s], summed));
            }
            List<CouponTerms> coupons = new ArrayList<>();
            if (random.nextBoolean()) {
                coupons.add(product("X", stores[0], lines.getFirst().lines().getFirst().productId(), random.nextInt(20_000), 1 + random.nextInt(9_000)));
            }
            if (random.nextBoolean()) {
                coupons.add(store("S", stores[0], random.nextInt(40_000), 1 + random.nextInt(9_000), random.nextBoolean()));
            }
            if (random.nextBoolean()) {
                coupons.add(platform("P", random.nextInt(60_000), 1 + random.nextInt(20_000), random.nextBoolean()));
            }
            Discounted byLine;
            try {
                byLine = Discounts.apply(coupons, new Basket(lines));
            } catch (CouponRefused refused) {
                assertThatThrownBy(() -> Discounts.apply(coupons, new Basket(sums))).isInstanceOf(CouponRefused.class);
                continue;
            }
            Discounted bySum = Discounts.apply(coupons, new Basket(sums));
            assertThat(bySum.taken()).isEqualTo(byLine.taken());
            for (int o = 0; o < lines.size(); o++) {
                int order = o;
                long fromCoupons = byLine.taken().stream().filter(t -> t.orderIndex() == order).mapToLong(Discounted.Taken::discountFen).sum();
                assertThat(byLine.orderDiscountFen(o)).isEqualTo(fromCoupons);
                for (int i = 0; i < lines.get(o).lines().size(); i++) {
                    assertThat(byLine.lineDiscountFen(o, i)).isBetween(0L, lines.get(o).lines().get(i).listFen());
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    private CouponRefused assertRefused(List<CouponTerms> coupons, Basket basket, String code, Reason reason) {
        try {
            Discounts.apply(coupons, basket);
        } catch (CouponRefused refused) {
            assertThat(refused.coupon().code()).isEqualTo(code);
            assertThat(refused.reason()).isEqualTo(reason);
            return refused;
        }
        throw new AssertionError("expected " + code + " to be refused with " + reason);
    }

    private static Basket.Line line(UUID product, long listFen) {
        return new Basket.Line(product, listFen);
    }

    private static CouponTerms store(String code, UUID store, long threshold, long off, boolean stepped) {
        return new CouponTerms(code, Scope.STORE, store, null, threshold, off, stepped);
    }

    private static CouponTerms product(String code, UUID store, UUID product, long threshold, long off) {
        return new CouponTerms(code, Scope.PRODUCT, store, product, threshold, off, false);
    }

    private static CouponTerms platform(String code, long threshold, long off, boolean stepped) {
        return new CouponTerms(code, Scope.PLATFORM, null, null, threshold, off, stepped);
    }
}
