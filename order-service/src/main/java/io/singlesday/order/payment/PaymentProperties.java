package io.singlesday.order.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The simulated payment provider. {@code declineRate} is the share of payments declined at random (0 to 1);
 * {@code declineAmountsEndingIn}: amounts whose fen end in these two digits are always declined, so a tester can
 * ask for a decline on purpose (card networks' test cards work the same way).
 */
@ConfigurationProperties("order.payment")
public record PaymentProperties(Duration latency, double declineRate, int declineAmountsEndingIn) {
}
