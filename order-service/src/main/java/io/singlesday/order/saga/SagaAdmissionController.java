package io.singlesday.order.saga;

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

import java.time.Duration;

/**
 * Operators read the saga admission of the instance that answers (the limit, the rate and times it follows from, what is
 * in flight and what was refused) and change its minimum target saga time while the day runs. Setting the same value again
 * changes nothing, so a retried PUT is safe; a restart returns to the configured target.
 */
@RestController
@RequestMapping("/api/orders/admission")
@PreAuthorize("hasRole('OPERATOR')")
public class SagaAdmissionController {

    private final SagaAdmission admission;

    public SagaAdmissionController(SagaAdmission admission) {
        this.admission = admission;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "SagaAdmissionChange")
    public record Change(@NotNull @Min(10) @Max(60_000) Integer minTargetSagaTimeMillis) {
    }

    @GetMapping
    @Operation(operationId = "sagaAdmission", summary = "The saga admission limit, the sagas in flight and what the limit is learned from (operators)")
    public SagaAdmission.View current() {
        return admission.view();
    }

    @PutMapping
    @Operation(operationId = "changeSagaAdmission", summary = "Change the minimum target saga time the admission limit is learned with (operators)")
    public SagaAdmission.View change(@Valid @RequestBody Change change) {
        return admission.minTarget(Duration.ofMillis(change.minTargetSagaTimeMillis()));
    }
}
