package io.singlesday.order.pricing;

import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.order.catalog.SkuView;
import io.singlesday.platform.money.Apportion;
import io.singlesday.order.wallet.WalletCoupon;
import io.singlesday.platform.web.ApiProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a checkout from list prices and the shopper's coupons. Stacking rule: at most one coupon per product,
 * one per store, plus one platform voucher. Product coupons count their product's lines; store coupons what is
 * left of their store's lines; the platform voucher then counts what is
 * left of the whole checkout, split first over the orders (stores) and then over each order's lines, all with
 * {@link Apportion}.
 */
public final class Pricing {

    private Pricing() {
    }

    /** {@code sku} carries the price of the day: the flash-sale price when {@code promotionId} names the sale. */
    public record Item(SkuView sku, int quantity, java.util.UUID promotionId) {
        public Item(SkuView sku, int quantity) {
            this(sku, quantity, null);
        }
    }

    public static PricedCheckout price(List<Item> items, List<WalletCoupon> coupons) {
        String currency = items.getFirst().sku().currency();
        if (items.stream().anyMatch(i -> !i.sku().currency().equals(currency))) {
            throw ApiProblem.unprocessable("All lines of a checkout must be priced in one currency");
        }
        Map<UUID, List<Item>> byStore = new LinkedHashMap<>();
        items.forEach(item -> byStore.computeIfAbsent(item.sku().storeId(), s -> new ArrayList<>()).add(item));

        Map<UUID, WalletCoupon> storeCoupons = new LinkedHashMap<>();
        Map<UUID, WalletCoupon> productCoupons = new LinkedHashMap<>();
        WalletCoupon platform = null;
        for (WalletCoupon coupon : coupons) {
            if (coupon.scope() == Scope.PRODUCT) {
                if (items.stream().noneMatch(i -> i.sku().productId().equals(coupon.productId()))) {
                    throw ApiProblem.unprocessable("Coupon " + coupon.code() + " is for a product with no line in this checkout");
                }
                if (productCoupons.putIfAbsent(coupon.productId(), coupon) != null) {
                    throw ApiProblem.unprocessable("At most one coupon per product; coupon " + coupon.code() + " is a second one");
                }
            } else if (coupon.scope() == Scope.PLATFORM) {
                if (platform != null) {
                    throw ApiProblem.unprocessable("At most one platform voucher per checkout");
                }
                platform = coupon;
            } else if (!byStore.containsKey(coupon.storeId())) {
                throw ApiProblem.unprocessable("Coupon " + coupon.code() + " belongs to a store with no line in this checkout");
            } else if (storeCoupons.putIfAbsent(coupon.storeId(), coupon) != null) {
                throw ApiProblem.unprocessable("At most one store coupon per store; coupon " + coupon.code() + " is a second one");
            }
        }

        List<Item> ordered = byStore.values().stream().flatMap(List::stream).toList();
        long[] list = ordered.stream().mapToLong(i -> Math.multiplyExact(i.sku().priceFen(), i.quantity())).toArray();
        long[] discount = new long[ordered.size()];
        List<PricedCheckout.AppliedCoupon> applied = new ArrayList<>();

        for (WalletCoupon coupon : productCoupons.values()) {
            int[] lines = java.util.stream.IntStream.range(0, ordered.size())
                    .filter(i -> ordered.get(i).sku().productId().equals(coupon.productId())).toArray();
            long[] amounts = java.util.Arrays.stream(lines).mapToLong(i -> list[i]).toArray();
            long off = required(coupon, java.util.Arrays.stream(amounts).sum());
            long[] shares = Apportion.split(off, amounts);
            for (int k = 0; k < lines.length; k++) {
                discount[lines[k]] += shares[k];
            }
            applied.add(new PricedCheckout.AppliedCoupon(coupon.code(), coupon.storeId(), off));
        }
        int from = 0;
        for (Map.Entry<UUID, List<Item>> store : byStore.entrySet()) {
            int to = from + store.getValue().size();
            WalletCoupon coupon = storeCoupons.get(store.getKey());
            if (coupon != null) {
                long[] slice = new long[to - from];
                for (int i = from; i < to; i++) {
                    slice[i - from] = list[i] - discount[i];
                }
                long off = required(coupon, java.util.Arrays.stream(slice).sum());
                long[] shares = Apportion.split(off, slice);
                for (int i = 0; i < shares.length; i++) {
                    discount[from + i] += shares[i];
                }
                applied.add(new PricedCheckout.AppliedCoupon(coupon.code(), coupon.storeId(), off));
            }
            from = to;
        }
        if (platform != null) {
            long[] remaining = new long[list.length];
            for (int i = 0; i < list.length; i++) {
                remaining[i] = list[i] - discount[i];
            }
            long off = required(platform, java.util.Arrays.stream(remaining).sum());
            // First to orders, then within each order to its lines: the coupon service answers the same split per
            // order, so both sides agree to the fen on what each order was given.
            int[] bounds = storeBounds(byStore);
            long[] perOrder = new long[bounds.length - 1];
            for (int o = 0; o < perOrder.length; o++) {
                perOrder[o] = java.util.Arrays.stream(remaining, bounds[o], bounds[o + 1]).sum();
            }
            long[] orderShares = Apportion.split(off, perOrder);
            for (int o = 0; o < perOrder.length; o++) {
                long[] lineShares = Apportion.split(orderShares[o], java.util.Arrays.copyOfRange(remaining, bounds[o], bounds[o + 1]));
                for (int i = 0; i < lineShares.length; i++) {
                    discount[bounds[o] + i] += lineShares[i];
                }
            }
            applied.add(new PricedCheckout.AppliedCoupon(platform.code(), null, off));
        }

        List<PricedCheckout.Order> orders = new ArrayList<>();
        int i = 0;
        for (List<Item> store : byStore.values()) {
            List<PricedCheckout.Line> lines = new ArrayList<>();
            for (Item item : store) {
                lines.add(new PricedCheckout.Line(item.sku(), item.quantity(), list[i], discount[i], item.promotionId()));
                i++;
            }
            orders.add(new PricedCheckout.Order(store.getFirst().sku().storeId(), store.getFirst().sku().brandId(), lines));
        }
        return new PricedCheckout(orders, applied, currency);
    }

    /** Where each store's lines start in the flattened line arrays, plus the end. */
    private static int[] storeBounds(Map<UUID, List<Item>> byStore) {
        int[] bounds = new int[byStore.size() + 1];
        int o = 0;
        for (List<Item> lines : byStore.values()) {
            bounds[o + 1] = bounds[o] + lines.size();
            o++;
        }
        return bounds;
    }

    private static long required(WalletCoupon coupon, long eligibleFen) {
        long off = coupon.discountOn(eligibleFen);
        if (off == 0) {
            throw ApiProblem.unprocessable("Coupon " + coupon.code() + " needs a spend of at least "
                    + coupon.thresholdFen() + " fen; this checkout counts " + eligibleFen + " fen towards it");
        }
        return off;
    }
}
