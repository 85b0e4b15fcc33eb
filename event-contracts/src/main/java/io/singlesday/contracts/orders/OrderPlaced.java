package io.singlesday.contracts.orders;

import io.singlesday.contracts.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was placed: one store's share of a checkout, priced, with its saga under way. Not yet paid, so it is
 * never GMV; consumers that only care about sales wait for {@link OrderConfirmed}.
 */
public record OrderPlaced(UUID orderId, UUID checkoutId, String shopperId, UUID storeId, UUID brandId,
                          OrderConfirmed.Channel channel, String livestreamId, OrderConfirmed.Device device,
                          String city, String province, Instant placedAt, Money listTotal, Money discountTotal,
                          Money paidTotal, List<OrderConfirmed.Line> lines) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
