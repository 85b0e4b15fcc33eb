package io.singlesday.contracts.orders;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.OrderConfirmed.Device;

import java.util.UUID;

/**
 * Command from the livestream service: place the checkout that a purchase in a live session earned, at the price
 * the stream offered. The sender chooses {@code checkoutId}, so a repeated command is the same checkout and the
 * buyer can be told where to follow it before the order service has read it. {@code stockHold} names the
 * catalog reservation that already holds the units (a drop's); null means reserve them as any checkout does.
 * {@code channel} is LIVESTREAM, or TV_GALA for the gala's see-now-buy-now.
 */
public record PlaceLivestreamCheckout(UUID checkoutId, String shopperId, UUID sessionId, Channel channel, Offer offer,
                                      UUID offerId, UUID skuId, int quantity, Money unitPrice, UUID stockHold,
                                      Device device, Delivery delivery) {

    public enum Offer { DROP, GROUP_DEAL }

    public record Delivery(String recipient, String street, String city, String province, double latitude,
                           double longitude) {
    }
}
