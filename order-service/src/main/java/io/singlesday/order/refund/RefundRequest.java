package io.singlesday.order.refund;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Which units go back. No {@code lines} (or an empty list) returns everything of the order not yet returned. */
public record RefundRequest(
        @Schema(description = "The lines and units to return; absent or empty for the whole order")
        @Valid @Size(max = 100) List<LineReturn> lines,
        @Schema(description = "The shopper's reason, for the store", maxLength = 500)
        @Size(max = 500) String reason) {

    public record LineReturn(
            @Schema(description = "The line's number, as the order shows it", example = "1")
            @NotNull @Min(1) @Max(10_000) Integer lineNo,
            @Schema(description = "Units of that line to return", example = "1")
            @NotNull @Min(1) @Max(10_000) Integer quantity) {
    }

    boolean wholeOrder() {
        return lines == null || lines.isEmpty();
    }
}
