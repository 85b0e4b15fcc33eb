package io.singlesday.order.pricing;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.order.wallet.WalletCoupon;
import io.singlesday.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTest {

    private final UUID storeA = UUID.randomUUID();
    private final UUID storeB = UUID.randomUUID();

    @Test
    void oneOrderPerStoreWithListPricesTimesQuantities() {
        PricedCheckout priced = Pricing.price(List.of(item(storeA, 19_900, 2), item(storeB, 5_000, 1), item(storeA, 100, 3)), List.of());
        assertThat(priced.orders()).hasSize(2);
        assertThat(priced.orders().getFirst().storeId()).isEqualTo(storeA);
        assertThat(priced.orders().getFirst().listFen()).isEqualTo(40_100);
        assertThat(priced.payableFen()).isEqualTo(45_100);
        assertThat(priced.orders()).allSatisfy(o -> assertThat(o.discountFen()).isZero());
    }

    @Test
    void storeCouponCountsItsStoreThenThePlatformVoucherCountsWhatIsLeft() {
        PricedCheckout priced = Pricing.price(List.of(item(storeA, 20_000, 1), item(storeA, 10_000, 1), item(storeB, 30_000, 1)),
                List.of(coupon(Scope.STORE, storeA, 30_000, 3_000, false), coupon(Scope.PLATFORM, null, 30_000, 5_000, true)));
        // Store A: 300 - 30 = 270; checkout left: 570 -> voucher 50 off every 300 -> 50.
        PricedCheckout.Order a = priced.orders().getFirst();
        assertThat(priced.coupons()).extracting(PricedCheckout.AppliedCoupon::discountFen).containsExactly(3_000L, 5_000L);
        assertThat(priced.payableFen()).isEqualTo(60_000 - 8_000);
        assertThat(a.lines()).extracting(PricedCheckout.Line::discountFen).containsExactly(2_000L + 1_579L, 1_000L + 789L);
        assertThat(priced.orders().get(1).discountFen()).isEqualTo(2_632);
        assertThat(priced.orders().stream().flatMap(o -> o.lines().stream()))
                .allSatisfy(l -> assertThat(l.paidFen()).isEqualTo(l.listFen() - l.discountFen()).isPositive());
    }

    @Test
    void aProductCouponCountsItsProductsLinesFirstThenTheStoreCouponWhatIsLeft() {
        Pricing.Item phone = item(storeA, 250_000, 1);
        UUID product = phone.sku().productId();
        Pricing.Item case1 = new Pricing.Item(new SkuView(UUID.randomUUID(), product, storeA, phone.sku().brandId(), 301, "DE",
                "same product, other SKU", 50_000, "CNY", true, true), 1);
        Pricing.Item cable = item(storeA, 10_000, 1);
        WalletCoupon productCoupon = new WalletCoupon("P-1", "s", Scope.PRODUCT, storeA, product, 0, 30_000, false,
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
        PricedCheckout priced = Pricing.price(List.of(phone, case1, cable),
                List.of(productCoupon, coupon(Scope.STORE, storeA, 0, 1_000, false)));
        // 300 off the product's 3,000 (split 2,500 : 500), then 10 off what the store has left: 2,700 + 100.
        assertThat(priced.coupons()).extracting(PricedCheckout.AppliedCoupon::discountFen).containsExactly(30_000L, 1_000L);
        assertThat(priced.orders().getFirst().lines()).extracting(PricedCheckout.Line::discountFen)
                .containsExactly(25_000L + 803L, 5_000L + 161L, 36L);
        assertThat(priced.payableFen()).isEqualTo(310_000 - 31_000);
        assertProblem(() -> Pricing.price(List.of(cable), List.of(productCoupon)), "product with no line");
    }

    @Test
    void stackingRulesAndThresholdsAreEnforcedWithAReason() {
        List<Pricing.Item> items = List.of(item(storeA, 10_000, 1), item(storeB, 10_000, 1));
        assertProblem(() -> Pricing.price(items, List.of(coupon(Scope.PLATFORM, null, 0, 100, false),
                coupon(Scope.PLATFORM, null, 0, 100, false))), "one platform voucher");
        assertProblem(() -> Pricing.price(items, List.of(coupon(Scope.STORE, storeA, 0, 100, false),
                coupon(Scope.STORE, storeA, 0, 100, false))), "one store coupon per store");
        assertProblem(() -> Pricing.price(items, List.of(coupon(Scope.STORE, UUID.randomUUID(), 0, 100, false))),
                "no line in this checkout");
        assertProblem(() -> Pricing.price(items, List.of(coupon(Scope.STORE, storeA, 20_000, 100, false))),
                "at least 20000 fen");
    }

    private static void assertProblem(Runnable pricing, String reason) {
        assertThatThrownBy(pricing::run).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).getBody().getDetail()).contains(reason));
    }

    private static Pricing.Item item(UUID store, long priceFen, int quantity) {
        return new Pricing.Item(new SkuView(UUID.randomUUID(), UUID.randomUUID(), store, UUID.randomUUID(), 301, "DE",
                "item", priceFen, "CNY", true, true), quantity);
    }

    private static WalletCoupon coupon(Scope scope, UUID store, long threshold, long discount, boolean stepped) {
        return new WalletCoupon("C-" + UUID.randomUUID(), "s", scope, store, null, threshold, discount, stepped,
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }
}
