package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventEnvelope;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Applies all the events of one poll in one database transaction, so a busy consumer pays one durable commit per
 * poll instead of one per event; a quiet one still gets its single event applied at once. The guarantees of one
 * transaction per event stay:
 * <ul>
 *   <li>If the shared transaction fails, nothing of it is kept and the events are applied again one at a time,
 *       each in its own transaction. One that fails alone is named to the error handler
 *       ({@link BatchListenerFailedException}): the ones before it are kept, it is retried and dead-lettered by
 *       itself, and the ones after it come again in the next poll.</li>
 *   <li>An unreadable record is named the same way, after the events before it are applied.</li>
 * </ul>
 * Each step must be idempotent (deduplicate by event id inside it): a retried poll applies its events again.
 */
public final class PollTransaction {

    private final TransactionTemplate transactions;
    private final EventCodec codec;
    private final TraceHop traces;

    public PollTransaction(TransactionTemplate transactions, EventCodec codec) {
        this(transactions, codec, TraceHop.none());
    }

    /** Each event is applied as a span of the trace its envelope carries, so a poll does not merge many traces. */
    public PollTransaction(TransactionTemplate transactions, EventCodec codec, TraceHop traces) {
        this.transactions = transactions;
        this.codec = codec;
        this.traces = traces;
    }

    /**
     * As below, for a consumer that acts on some event types: a record whose type header names another type is passed
     * over without being decoded ({@link EventTypeHeader}), and one without the header is judged by its envelope.
     */
    public void apply(List<ConsumerRecord<String, byte[]>> records, EventTypeHeader.Wanted acts,
                      Consumer<List<EventEnvelope<?>>> together, Consumer<EventEnvelope<?>> step) {
        apply(records, acts::mayWant, acts::wants, together, step);
    }

    /**
     * @param acts     which events this consumer acts on; the others are skipped without a transaction
     * @param together runs first inside the shared transaction with all the events it will apply, for what must
     *                 happen once per transaction (taking row locks in one order, so two polls cannot deadlock)
     * @param step     applies one event, inside the current transaction
     */
    public void apply(List<ConsumerRecord<String, byte[]>> records, Predicate<EventEnvelope<?>> acts,
                      Consumer<List<EventEnvelope<?>>> together, Consumer<EventEnvelope<?>> step) {
        apply(records, record -> true, acts, together, step);
    }

    private void apply(List<ConsumerRecord<String, byte[]>> records, Predicate<ConsumerRecord<String, byte[]>> mayAct,
                       Predicate<EventEnvelope<?>> acts, Consumer<List<EventEnvelope<?>>> together,
                       Consumer<EventEnvelope<?>> step) {
        List<Indexed> acting = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (!mayAct.test(records.get(i))) {
                continue;
            }
            EventEnvelope<?> event;
            try {
                event = codec.decode(records.get(i).value());
            } catch (UnreadableEventException unreadable) {
                applyTogether(acting, together, step);
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, i);
            }
            if (acts.test(event)) {
                acting.add(new Indexed(i, event));
            }
        }
        applyTogether(acting, together, step);
    }

    private void applyTogether(List<Indexed> acting, Consumer<List<EventEnvelope<?>>> together,
                               Consumer<EventEnvelope<?>> step) {
        if (acting.isEmpty()) {
            return;
        }
        List<EventEnvelope<?>> events = acting.stream().<EventEnvelope<?>>map(Indexed::event).toList();
        try {
            transactions.executeWithoutResult(status -> {
                together.accept(events);
                events.forEach(event -> applyTraced(step, event));
            });
            return;
        } catch (RuntimeException sharedFailed) {
            if (acting.size() == 1) {
                throw new BatchListenerFailedException(describe(acting.getFirst(), sharedFailed), sharedFailed,
                        acting.getFirst().index());
            }
        }
        for (Indexed one : acting) {
            try {
                transactions.executeWithoutResult(status -> {
                    together.accept(List.of(one.event()));
                    applyTraced(step, one.event());
                });
            } catch (RuntimeException alone) {
                throw new BatchListenerFailedException(describe(one, alone), alone, one.index());
            }
        }
    }

    private void applyTraced(Consumer<EventEnvelope<?>> step, EventEnvelope<?> event) {
        try (TraceHop.Scope trace = traces.span(event.traceparent(), "apply " + event.type())) {
            step.accept(event);
        }
    }

    private static String describe(Indexed one, RuntimeException e) {
        return one.event().type() + " " + one.event().eventId() + " failed: " + e.getMessage();
    }

    private record Indexed(int index, EventEnvelope<?> event) {
    }
}
