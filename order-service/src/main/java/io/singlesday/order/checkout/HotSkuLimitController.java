package io.singlesday.order.checkout;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators read and change the hot-SKU limit of the instance that answers, while the day runs: loosen it for a
 * SKU that sells as planned, tighten it when one product's rush slows every checkout. Setting the same value again
 * changes nothing, so a retried PUT is safe.
 */
@RestController
@RequestMapping("/api/orders/hot-sku-limit")
@PreAuthorize("hasRole('OPERATOR')")
public class HotSkuLimitController {

    private final HotSkuLimit limit;

    public HotSkuLimitController(HotSkuLimit limit) {
        this.limit = limit;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "HotSkuLimitChange")
    public record Change(@NotNull @Min(1) @Max(1_000_000) Integer checkoutsPerSecond) {
    }

    @GetMapping
    @Operation(operationId = "hotSkuLimit", summary = "The checkouts per second one SKU may start (operators)")
    public HotSkuLimit.Setting current() {
        return limit.setting();
    }

    @PutMapping
    @Operation(operationId = "changeHotSkuLimit", summary = "Change the checkouts per second one SKU may start (operators)")
    public HotSkuLimit.Setting change(@Valid @RequestBody Change change) {
        return limit.limitTo(change.checkoutsPerSecond());
    }
}
