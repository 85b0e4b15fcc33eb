package io.singlesday.contracts.orders;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was paid and confirmed: one store's share of a checkout. It carries what the GMV counter, logistics,
 * livestream statistics and the catalog's incubation program need, so none of them calls the order service.
 * {@code paid} is what the shopper paid after every discount; GMV is the sum of {@code paid} over confirmed orders.
 */
public record OrderConfirmed(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                             Channel channel, String livestreamId, Device device, String city, String province,
                             Instant confirmedAt, Money listTotal, Money discountTotal, Money paidTotal,
                             List<Line> lines) {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    public enum Channel { APP, PC, LIVESTREAM, POPUP_STORE, TV_GALA }

    public enum Device { MOBILE, PC }

    /** One SKU of the order, with its amounts for all units of the line. */
    public record Line(UUID skuId, UUID productId, UUID brandId, long categoryId, String originCountry, int quantity,
                       Money list, Money discount, Money paid) {
    }
}
