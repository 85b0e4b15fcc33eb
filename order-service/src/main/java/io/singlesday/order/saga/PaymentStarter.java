package io.singlesday.order.saga;

import io.singlesday.order.payment.SimulatedPaymentProvider;
import io.singlesday.platform.tracing.TraceHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the payment step off the reply consumers' threads (the provider takes its time), one virtual thread per
 * payment. What is running is remembered here so the sweeper only restarts payments nobody is running: after a
 * crash, that is all of them.
 */
@Component
public class PaymentStarter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PaymentStarter.class);

    private final SimulatedPaymentProvider provider;
    /** The saga depends on this class, so it is looked up once, at the first payment. */
    private final Supplier<CheckoutSaga> saga;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    private final TraceHop traces;

    public PaymentStarter(SimulatedPaymentProvider provider, ObjectProvider<CheckoutSaga> saga, TraceHop traces) {
        this.provider = provider;
        this.saga = SingletonSupplier.of(saga::getObject);
        this.traces = traces;
    }

    public void start(UUID checkoutId, long amountFen, String currency) {
        start(checkoutId, amountFen, currency, traces.current());
    }

    /** The W3C traceparent to pass to {@link #start(UUID, long, String, String)} from a step that ends before it. */
    public String currentTrace() {
        return traces.current();
    }

    /** Starts the payment as a step of the given trace (a traceparent, or null for none). */
    public void start(UUID checkoutId, long amountFen, String currency, String trace) {
        if (!running.add(checkoutId)) {
            return;
        }
        try {
            // The payment thread carries on the checkout's trace: its confirmation is a step of the same checkout.
            threads.execute(() -> {
                try (TraceHop.Scope paying = traces.span(trace, "payment")) {
                    pay(checkoutId, amountFen, currency);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            running.remove(checkoutId);
        }
    }

    public boolean isRunning(UUID checkoutId) {
        return running.contains(checkoutId);
    }

    private void pay(UUID checkoutId, long amountFen, String currency) {
        try {
            SimulatedPaymentProvider.Charge charge = provider.charge(checkoutId, amountFen, currency);
            boolean applied = saga.get().paymentResult(checkoutId, charge.approved(), charge.reference());
            if (!applied && charge.approved()) {
                provider.refundIfCharged(checkoutId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Payment of checkout {} failed; the sweeper will try again: {}", checkoutId, e.getMessage());
        } finally {
            running.remove(checkoutId);
        }
    }

    void refundIfCharged(UUID checkoutId) {
        provider.refundIfCharged(checkoutId);
    }

    /** A crash, as far as payments go: running attempts stop where they are; the next instance takes over. */
    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
