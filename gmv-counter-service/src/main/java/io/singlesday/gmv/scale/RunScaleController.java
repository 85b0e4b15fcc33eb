package io.singlesday.gmv.scale;

import io.singlesday.platform.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * A run of the day tells the screen its scale before it starts (the load tester does); anyone may read what the
 * screen compares with. Without an announced run it is the configured previous year.
 */
@RestController
@Tag(name = "Run scale")
public class RunScaleController {

    private final RunScales scales;
    private final String configuredBasis;

    public RunScaleController(RunScales scales, @Value("${festival.gmv.previous-year-basis}") String configuredBasis) {
        this.scales = scales;
        this.configuredBasis = configuredBasis;
    }

    /**
     * @param dayOrders the orders the run's whole day holds if it keeps up with last year's curve
     * @param basis     what the screen calls the comparison: "2019 at 1:6,000,000 in orders, 60x"
     */
    public record ScaleRequest(@NotNull @Positive @Max(1_000_000_000_000L) Long dayOrders,
                               @NotBlank @Size(max = 120) String basis) {
    }

    /** {@code announced} false: no run announced itself; the screen compares with the configured previous year. */
    public record ScaleView(boolean announced, Long dayOrders, String basis, Instant setAt, String setBy) {
    }

    @PutMapping("/api/gmv/scale")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "announceRunScale", summary = "Announce the scale of the day being played, for the screen's "
            + "comparison with last year (operators; the load tester does it before a run)")
    public ScaleView announce(@Valid @RequestBody ScaleRequest request, Authentication auth) {
        RunScales.RunScale scale = scales.announce(request.dayOrders(), request.basis().strip(), Caller.of(auth).subject());
        return view(scale);
    }

    @DeleteMapping("/api/gmv/scale")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(operationId = "withdrawRunScale", summary = "Go back to comparing with the configured previous year")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Withdrawn")
    public ResponseEntity<Void> withdraw() {
        scales.withdraw();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/gmv/public/scale")
    @Operation(operationId = "runScale", summary = "What the screen compares with now")
    public ScaleView current() {
        return scales.current().map(RunScaleController::view)
                .orElse(new ScaleView(false, null, configuredBasis, null, null));
    }

    private static ScaleView view(RunScales.RunScale scale) {
        return new ScaleView(true, scale.dayOrders(), scale.basis(), scale.setAt(), scale.setBy());
    }
}
