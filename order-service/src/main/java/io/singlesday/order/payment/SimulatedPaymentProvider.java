package io.singlesday.order.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stands for an external payment provider (Alipay in the original). Like a real one it takes an idempotency key
 * (the checkout id): charging the same checkout again returns the first answer and never charges twice.
 */
@Component
public class SimulatedPaymentProvider {

    private final JdbcClient sql;
    private final PaymentProperties properties;

    public SimulatedPaymentProvider(JdbcClient sql, PaymentProperties properties) {
        this.sql = sql;
        this.properties = properties;
    }

    public record Charge(boolean approved, String reference) {
    }

    public Charge charge(UUID checkoutId, long amountFen, String currency) throws InterruptedException {
        Thread.sleep(properties.latency());
        boolean approved = amountFen % 100 != properties.declineAmountsEndingIn()
                && ThreadLocalRandom.current().nextDouble() >= properties.declineRate();
        sql.sql("""
                insert into payment_charges (checkout_id, amount_fen, currency, approved, reference)
                values (?, ?, ?, ?, ?) on conflict (checkout_id) do nothing""")
                .params(checkoutId, amountFen, currency, approved, "PAY-" + UUID.randomUUID()).update();
        return sql.sql("select approved, reference from payment_charges where checkout_id = ?").param(checkoutId)
                .query((rs, n) -> new Charge(rs.getBoolean(1), rs.getString(2))).single();
    }

    public void refundIfCharged(UUID checkoutId) {
        sql.sql("update payment_charges set refunded = true where checkout_id = ? and approved").param(checkoutId).update();
    }
}
