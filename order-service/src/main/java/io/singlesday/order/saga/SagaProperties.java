package io.singlesday.order.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param participantTimeout wall time the catalog and the coupon service have to answer before the checkout is
 *                           cancelled and compensated
 * @param stuckAfter         wall time past its participants' deadline after which a checkout not yet final (its
 *                           payment never finished, say) is cancelled by the sweeper
 * @param paymentRecoverAfter wall time after which a payment with no running attempt (a crash) is tried again
 * @param sweepEvery         how often the sweeper looks
 */
@ConfigurationProperties("order.saga")
public record SagaProperties(Duration participantTimeout, Duration stuckAfter, Duration paymentRecoverAfter,
                             Duration sweepEvery) {
}
