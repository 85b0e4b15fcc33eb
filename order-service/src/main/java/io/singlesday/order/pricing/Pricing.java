package io.singlesday.order.pricing;

import io.singlesday.discounts.Basket;
import io.singlesday.discounts.CouponRefused;
import io.singlesday.discounts.CouponTerms;
import io.singlesday.discounts.Discounted;
import io.singlesday.discounts.Discounts;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.order.wallet.WalletCoupon;
import io.singlesday.platform.web.ApiProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a checkout from the prices of the day and the shopper's coupons: one order per store, in the order the
 * stores first appear, each line with its list amount and its share of every coupon. The stacking rules and the
 * splits are {@link Discounts}' (module discount-rules), the same the coupon service checks its locks with; this
 * class only turns a refusal into the shopper's 422.
 */
public final class Pricing {

    private Pricing() {
    }

    /** {@code sku} carries the price of the day: the flash-sale price when {@code promotionId} names the sale. */
    public record Item(SkuView sku, int quantity, UUID promotionId) {
        public Item(SkuView sku, int quantity) {
            this(sku, quantity, null);
        }

        long listFen() {
            return Math.multiplyExact(sku.priceFen(), quantity);
        }
    }

    public static PricedCheckout price(List<Item> items, List<WalletCoupon> coupons) {
        String currency = items.getFirst().sku().currency();
        if (items.stream().anyMatch(i -> !i.sku().currency().equals(currency))) {
            throw ApiProblem.unprocessable("All lines of a checkout must be priced in one currency");
        }
        Map<UUID, List<Item>> byStore = new LinkedHashMap<>();
        items.forEach(item -> byStore.computeIfAbsent(item.sku().storeId(), s -> new ArrayList<>()).add(item));
        Basket basket = new Basket(byStore.entrySet().stream()
                .map(store -> new Basket.Order(store.getKey(), store.getValue().stream()
                        .map(i -> new Basket.Line(i.sku().productId(), i.listFen())).toList()))
                .toList());

        Discounted discounted;
        try {
            discounted = Discounts.apply(coupons.stream().map(WalletCoupon::terms).toList(), basket);
        } catch (CouponRefused refused) {
            throw ApiProblem.unprocessable(explain(refused));
        }

        List<PricedCheckout.Order> orders = new ArrayList<>();
        int o = 0;
        for (List<Item> store : byStore.values()) {
            List<PricedCheckout.Line> lines = new ArrayList<>();
            for (int i = 0; i < store.size(); i++) {
                Item item = store.get(i);
                lines.add(new PricedCheckout.Line(item.sku(), item.quantity(), item.listFen(),
                        discounted.lineDiscountFen(o, i), item.promotionId()));
            }
            orders.add(new PricedCheckout.Order(store.getFirst().sku().storeId(), store.getFirst().sku().brandId(), lines));
            o++;
        }
        Map<String, WalletCoupon> byCode = new LinkedHashMap<>();
        coupons.forEach(c -> byCode.put(c.code(), c));
        List<PricedCheckout.AppliedCoupon> applied = discounted.byCoupon().entrySet().stream()
                .map(e -> new PricedCheckout.AppliedCoupon(e.getKey(), byCode.get(e.getKey()).storeId(), e.getValue()))
                .toList();
        return new PricedCheckout(orders, applied, currency);
    }

    private static String explain(CouponRefused refused) {
        CouponTerms coupon = refused.coupon();
        return switch (refused.reason()) {
            case WRONG_PRODUCT -> "Coupon " + coupon.code() + " is for a product with no line in this checkout";
            case WRONG_STORE -> "Coupon " + coupon.code() + " belongs to a store with no line in this checkout";
            case NOT_STACKABLE -> switch (coupon.scope()) {
                case PRODUCT -> "At most one coupon per product; coupon " + coupon.code() + " is a second one";
                case STORE -> "At most one store coupon per store; coupon " + coupon.code() + " is a second one";
                case PLATFORM -> "At most one platform voucher per checkout";
            };
            case THRESHOLD_NOT_REACHED -> "Coupon " + coupon.code() + " needs a spend of at least "
                    + coupon.thresholdFen() + " fen; this checkout counts " + refused.eligibleFen() + " fen towards it";
        };
    }
}
