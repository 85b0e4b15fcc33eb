package io.singlesday.order.checkout;

import io.singlesday.contracts.orders.OrderConfirmed.Channel;
import io.singlesday.contracts.orders.OrderConfirmed.Device;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * What a shopper sends to check out. {@code device} defaults from the channel (PC is a PC, everything else is the
 * app); {@code livestreamId} is required for LIVESTREAM, {@code popupStoreId} for POPUP_STORE. {@code deviceId} (what
 * the app reports about the phone or browser) and {@code paymentAccount} (the wallet or card paid from) are optional;
 * only their fingerprints are kept, for the risk check that finds buyers sharing them.
 */
public record CheckoutRequest(
        @NotEmpty @Size(max = CheckoutRequest.MAX_LINES, message = "at most 50 lines per checkout") List<@Valid @NotNull Line> lines,
        @Size(max = 10, message = "at most 10 coupon codes") List<@NotBlank @Size(max = 64) String> couponCodes,
        @NotNull Channel channel,
        @Size(max = 64) String livestreamId,
        UUID popupStoreId,
        Device device,
        @NotNull @Valid Address address,
        @Size(max = 64) String deviceId,
        @Size(max = 64) String paymentAccount) {

    public static final int MAX_LINES = 50;

    public CheckoutRequest {
        couponCodes = couponCodes == null ? List.of() : couponCodes;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "CheckoutLine")
    public record Line(@NotNull UUID skuId,
                       @Min(value = 1, message = "must be at least 1") @Max(value = 99, message = "at most 99 per line") int quantity) {
    }

    public record Address(@NotBlank @Size(max = 100) String recipient,
                          @NotBlank @Size(max = 200) String street,
                          @NotBlank(message = "a delivery address needs a city") @Size(max = 60) String city,
                          @NotBlank(message = "a delivery address needs a province") @Size(max = 60) String province,
                          @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                          @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    public Device effectiveDevice() {
        return device != null ? device : channel == Channel.PC ? Device.PC : Device.MOBILE;
    }
}
