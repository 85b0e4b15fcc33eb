package io.singlesday.contracts.orders;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was paid and confirmed: one store's share of a checkout. It carries what the GMV counter, logistics,
 * livestream statistics and the catalog's incubation program need, so none of them calls the order service.
 * {@code paid} is what the shopper paid after every discount; GMV is the sum of {@code paid} over confirmed orders.
 * {@code deliveryLatitude}/{@code deliveryLongitude} locate the delivery address (logistics routes by them; an
 * event from before they existed has none, and its parcel is routed by city and province alone). {@code buyer}
 * carries the fingerprints a risk check clusters buyers by (none on events from before it existed).
 */
public record OrderConfirmed(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                             Channel channel, String livestreamId, Device device, String city, String province,
                             Instant confirmedAt, Money listTotal, Money discountTotal, Money paidTotal,
                             List<Line> lines, Double deliveryLatitude, Double deliveryLongitude, Buyer buyer) {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    /** An order with no buyer fingerprints. */
    public OrderConfirmed(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                          Channel channel, String livestreamId, Device device, String city, String province,
                          Instant confirmedAt, Money listTotal, Money discountTotal, Money paidTotal, List<Line> lines,
                          Double deliveryLatitude, Double deliveryLongitude) {
        this(orderId, checkoutId, shopperId, storeId, brandId, channel, livestreamId, device, city, province,
                confirmedAt, listTotal, discountTotal, paidTotal, lines, deliveryLatitude, deliveryLongitude, null);
    }

    /** An order with no known delivery point. */
    public OrderConfirmed(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                          Channel channel, String livestreamId, Device device, String city, String province,
                          Instant confirmedAt, Money listTotal, Money discountTotal, Money paidTotal, List<Line> lines) {
        this(orderId, checkoutId, shopperId, storeId, brandId, channel, livestreamId, device, city, province,
                confirmedAt, listTotal, discountTotal, paidTotal, lines, null, null, null);
    }

    public enum Channel { APP, PC, LIVESTREAM, POPUP_STORE, TV_GALA }

    public enum Device { MOBILE, PC }

    /**
     * Who paid, as fingerprints only: a hash of the device the app reported and of the payment account, each null
     * when the checkout did not say. Never the raw identifiers, so the event can travel without exposing them.
     */
    public record Buyer(String deviceFingerprint, String paymentFingerprint) {
    }

    /** One SKU of the order, with its amounts for all units of the line. */
    public record Line(UUID skuId, UUID productId, UUID brandId, long categoryId, String originCountry, int quantity,
                       Money list, Money discount, Money paid) {
    }
}
