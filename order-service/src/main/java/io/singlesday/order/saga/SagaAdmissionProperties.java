package io.singlesday.order.saga;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How many checkouts one instance lets run their saga at once. A limit of 0 or less, or a target that is not a
 * positive time, is refused at start-up: an order service that could place nothing is a typo, not a choice.
 *
 * @param enabled           false places every checkout the other checks allow (for measuring without it)
 * @param targetFactor      how many times its unloaded time an admitted saga may take once the platform is at
 *                          capacity (at least 1; Little's law then admits that many times what the platform needs in
 *                          flight to run at capacity, so the rest of it is queue)
 * @param minTargetSagaTime the target is never shorter than this, so a very quick platform is not held to a time
 *                          its own jitter exceeds
 * @param maxTargetSagaTime nor, from what was learned, longer than this: the bound on what an admitted saga waits
 *                          under overload, whatever a slow start taught the limit (the minimum wins if it is higher)
 * @param initialLimit      sagas in flight allowed at start, before any has been measured
 * @param minLimit          the limit never falls below this, so a quiet minute does not close the shop to a rush
 * @param maxLimit          nor rises above this
 * @param retryAfterSeconds what a refused checkout is told to wait; each answer adds up to as much again at random
 */
@Validated
@ConfigurationProperties("order.saga.admission")
public record SagaAdmissionProperties(boolean enabled, @DecimalMin("1") double targetFactor,
                                      @NotNull Duration minTargetSagaTime, @NotNull Duration maxTargetSagaTime, @Min(1) int initialLimit,
                                      @Min(1) int minLimit, @Min(1) int maxLimit, @Min(1) int retryAfterSeconds) {

    public SagaAdmissionProperties {
        if (minTargetSagaTime == null || minTargetSagaTime.isNegative() || minTargetSagaTime.isZero()) {
            throw new IllegalArgumentException("order.saga.admission.min-target-saga-time must be a positive time, not "
                    + minTargetSagaTime);
        }
        if (maxTargetSagaTime == null || maxTargetSagaTime.isNegative() || maxTargetSagaTime.isZero()) {
            throw new IllegalArgumentException("order.saga.admission.max-target-saga-time must be a positive time, not "
                    + maxTargetSagaTime);
        }
        if (!(targetFactor >= 1)) {
            throw new IllegalArgumentException("order.saga.admission.target-factor must be at least 1, not " + targetFactor);
        }
        if (initialLimit < 1 || minLimit < 1 || maxLimit < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("order.saga.admission's limits and retry-after-seconds must be at least 1, not "
                    + minLimit + ", " + initialLimit + ", " + maxLimit + ", " + retryAfterSeconds);
        }
        if (minLimit > maxLimit || initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("order.saga.admission needs min-limit <= initial-limit <= max-limit, not "
                    + minLimit + ", " + initialLimit + ", " + maxLimit);
        }
    }
}
