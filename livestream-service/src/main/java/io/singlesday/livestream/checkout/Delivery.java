package io.singlesday.livestream.checkout;

import io.singlesday.contracts.orders.OrderConfirmed.Device;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where a buyer in the stream wants the goods, given with the purchase or the join: the checkout the order service
 * places from it needs an address, as any checkout does. {@code device} defaults to the app.
 */
public record Delivery(@NotBlank @Size(max = 100) String recipient,
                       @NotBlank @Size(max = 200) String street,
                       @NotBlank(message = "a delivery address needs a city") @Size(max = 60) String city,
                       @NotBlank(message = "a delivery address needs a province") @Size(max = 60) String province,
                       @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                       @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
                       Device device) {

    public Device effectiveDevice() {
        return device == null ? Device.MOBILE : device;
    }

    PlaceLivestreamCheckout.Delivery toContract() {
        return new PlaceLivestreamCheckout.Delivery(recipient, street, city, province, latitude, longitude);
    }
}
