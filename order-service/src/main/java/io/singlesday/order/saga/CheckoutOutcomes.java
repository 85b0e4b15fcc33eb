package io.singlesday.order.saga;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes requests that wait for a checkout's outcome ({@code Prefer: wait}) when a saga on this instance finishes.
 * Waiters also re-read the database between wake-ups, since another instance may have finished the saga.
 */
@Component
public class CheckoutOutcomes {

    private final Map<java.util.UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Void> watch(java.util.UUID checkoutId) {
        return waiting.computeIfAbsent(checkoutId, id -> new CompletableFuture<>());
    }

    public void forget(java.util.UUID checkoutId) {
        waiting.remove(checkoutId);
    }

    void finished(java.util.UUID checkoutId) {
        CompletableFuture<Void> waiter = waiting.remove(checkoutId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }
}
