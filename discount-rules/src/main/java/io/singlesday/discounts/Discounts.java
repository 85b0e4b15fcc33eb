package io.singlesday.discounts;

import io.singlesday.discounts.CouponRefused.Reason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stacking rules, the only copy: at most one coupon per product, one per store and one platform voucher. A product
 * coupon counts its product's lines and is split over them by list price; a store coupon counts what product coupons
 * left of its store's order and is split over that order's lines by what is left of each; the platform voucher counts
 * what both left of the whole basket and is split first over the orders, then within each order over its lines. Every
 * split is {@link Apportion}'s, so the order service (per line) and the coupon service (per order) agree to the fen, and
 * a refund of one line gives back exactly what that line was charged.
 */
public final class Discounts {

    private Discounts() {
    }

    public static Discounted apply(List<CouponTerms> coupons, Basket basket) {
        Map<UUID, CouponTerms> byProduct = new LinkedHashMap<>();
        Map<UUID, CouponTerms> byStore = new LinkedHashMap<>();
        CouponTerms platform = null;
        for (CouponTerms coupon : coupons) {
            switch (coupon.scope()) {
                case PRODUCT -> {
                    if (byProduct.putIfAbsent(coupon.productId(), coupon) != null) {
                        throw new CouponRefused(coupon, Reason.NOT_STACKABLE, 0);
                    }
                    if (basket.orders().stream().flatMap(o -> o.lines().stream())
                            .noneMatch(l -> coupon.productId().equals(l.productId()))) {
                        throw new CouponRefused(coupon, Reason.WRONG_PRODUCT, 0);
                    }
                }
                case STORE -> {
                    if (byStore.putIfAbsent(coupon.storeId(), coupon) != null) {
                        throw new CouponRefused(coupon, Reason.NOT_STACKABLE, 0);
                    }
                    if (basket.orders().stream().noneMatch(o -> coupon.storeId().equals(o.storeId()))) {
                        throw new CouponRefused(coupon, Reason.WRONG_STORE, 0);
                    }
                }
                case PLATFORM -> {
                    if (platform != null) {
                        throw new CouponRefused(coupon, Reason.NOT_STACKABLE, 0);
                    }
                    platform = coupon;
                }
            }
        }

        List<Basket.Order> orders = basket.orders();
        long[][] left = new long[orders.size()][];
        for (int o = 0; o < orders.size(); o++) {
            left[o] = orders.get(o).lines().stream().mapToLong(Basket.Line::listFen).toArray();
        }
        List<Discounted.Taken> taken = new ArrayList<>();

        for (CouponTerms coupon : byProduct.values()) {
            for (int o = 0; o < orders.size(); o++) {
                List<Basket.Line> lines = orders.get(o).lines();
                int[] ofProduct = java.util.stream.IntStream.range(0, lines.size())
                        .filter(i -> coupon.productId().equals(lines.get(i).productId())).toArray();
                if (ofProduct.length == 0) {
                    continue;
                }
                long[] amounts = new long[ofProduct.length];
                for (int k = 0; k < ofProduct.length; k++) {
                    amounts[k] = left[o][ofProduct[k]];
                }
                long off = required(coupon, Arrays.stream(amounts).sum());
                long[] shares = Apportion.split(off, amounts);
                for (int k = 0; k < ofProduct.length; k++) {
                    left[o][ofProduct[k]] -= shares[k];
                }
                taken.add(new Discounted.Taken(coupon.code(), o, off));
                break;
            }
        }
        for (int o = 0; o < orders.size(); o++) {
            CouponTerms coupon = byStore.get(orders.get(o).storeId());
            if (coupon == null) {
                continue;
            }
            long off = required(coupon, Arrays.stream(left[o]).sum());
            long[] shares = Apportion.split(off, left[o]);
            for (int i = 0; i < shares.length; i++) {
                left[o][i] -= shares[i];
            }
            taken.add(new Discounted.Taken(coupon.code(), o, off));
        }
        if (platform != null) {
            long[] perOrder = Arrays.stream(left).mapToLong(lines -> Arrays.stream(lines).sum()).toArray();
            long off = required(platform, Arrays.stream(perOrder).sum());
            long[] orderShares = Apportion.split(off, perOrder);
            for (int o = 0; o < orders.size(); o++) {
                long[] lineShares = Apportion.split(orderShares[o], left[o]);
                for (int i = 0; i < lineShares.length; i++) {
                    left[o][i] -= lineShares[i];
                }
                if (orderShares[o] > 0) {
                    taken.add(new Discounted.Taken(platform.code(), o, orderShares[o]));
                }
            }
        }

        long[][] discount = new long[orders.size()][];
        for (int o = 0; o < orders.size(); o++) {
            List<Basket.Line> lines = orders.get(o).lines();
            discount[o] = new long[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                discount[o][i] = lines.get(i).listFen() - left[o][i];
            }
        }
        return new Discounted(discount, taken);
    }

    private static long required(CouponTerms coupon, long eligibleFen) {
        long off = coupon.discountOn(eligibleFen);
        if (off == 0) {
            throw new CouponRefused(coupon, Reason.THRESHOLD_NOT_REACHED, eligibleFen);
        }
        return off;
    }
}
