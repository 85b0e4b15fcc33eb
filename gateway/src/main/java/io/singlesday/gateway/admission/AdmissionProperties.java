package io.singlesday.gateway.admission;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much work the gateway lets into each service at once. A limit of 0 or less is refused at start-up: a
 * gateway that could admit nothing, or anything, is a typo, not a choice.
 *
 * @param enabled          false lets everything through (for measuring the platform without it)
 * @param algorithm        {@code adaptive}: the limit follows the measured time in system (Netflix's Gradient2:
 *                         it shrinks as latency grows over its long-run average, Little's law at work);
 *                         {@code fixed}: always {@code initialLimit}
 * @param initialLimit     requests in flight per service at start
 * @param minLimit         the adaptive limit never goes below this (the floor a quiet stack always admits)
 * @param maxLimit         nor above this
 * @param retryAfterSeconds what a shed answer tells the caller to wait; each answer adds up to as much again at
 *                         random so retries do not return in step
 * @param checkoutShare    share of the limit kept for paying, placing checkouts and buying in a live drop
 * @param writeShare       share for other writes (carts, claims, comments)
 * @param readShare        share for browsing, search and dashboards: the first to be shed
 */
@Validated
@ConfigurationProperties("festival.gateway.admission")
public record AdmissionProperties(boolean enabled, @NotNull Algorithm algorithm, @Min(1) int initialLimit,
                                  @Min(1) int minLimit, @Min(1) int maxLimit, @Min(1) int retryAfterSeconds,
                                  @DecimalMin("0.01") @DecimalMax("1") double checkoutShare,
                                  @DecimalMin("0.01") @DecimalMax("1") double writeShare,
                                  @DecimalMin("0.01") @DecimalMax("1") double readShare) {

    public enum Algorithm { ADAPTIVE, FIXED }

    public AdmissionProperties {
        if (minLimit > maxLimit || initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("festival.gateway.admission needs min-limit <= initial-limit <= max-limit, not "
                    + minLimit + ", " + initialLimit + ", " + maxLimit);
        }
        if (checkoutShare + writeShare + readShare > 1.0001) {
            throw new IllegalArgumentException("festival.gateway.admission shares add up to more than 1: "
                    + (checkoutShare + writeShare + readShare));
        }
    }
}
