package io.singlesday.platform.kafka;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.clock.FestivalClockChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One transaction for a whole poll, and when it fails, what one transaction per event would have kept: every
 * event that applies alone is kept, the failing one is named to the error handler, nothing after it is applied.
 * The transactions here keep their writes in memory and drop them on rollback, like a database would.
 */
class PollTransactionTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build());
    private final Store store = new Store();
    private final PollTransaction poll = new PollTransaction(new TransactionTemplate(store), codec);

    @Test
    void aPollOfEventsIsAppliedInOneTransaction() {
        List<List<String>> together = new ArrayList<>();
        poll.apply(records("a", "b", "c"), e -> true, events -> together.add(keys(events)), store::write);

        assertThat(store.committed).containsExactly("a", "b", "c");
        assertThat(store.commits).isEqualTo(1);
        assertThat(together).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void eventsTheConsumerDoesNotActOnCostNoTransaction() {
        poll.apply(records("skip-1", "skip-2"), e -> !e.aggregateKey().startsWith("skip"), events -> { }, store::write);
        assertThat(store.commits).isZero();
        assertThat(store.rollbacks).isZero();

        poll.apply(records("skip-1", "a"), e -> !e.aggregateKey().startsWith("skip"), events -> { }, store::write);
        assertThat(store.committed).containsExactly("a");
    }

    @Test
    void aRecordWhoseTypeHeaderNamesAnotherTypeIsPassedOverWithoutBeingRead() {
        EventTypeHeader.Wanted clockOnly = EventTypeHeader.anyOf(EventCatalog.FESTIVAL_CLOCK_CHANGED);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records("a"));
        // Not JSON at all: decoding it would dead-letter it, so only the header can have kept it out.
        ConsumerRecord<String, byte[]> other = new ConsumerRecord<>("t", 0, 1, "other", "{nope".getBytes(StandardCharsets.UTF_8));
        EventTypeHeader.add(other.headers(), EventCatalog.ORDER_PLACED.key());
        records.add(other);
        ConsumerRecord<String, byte[]> headed = records("b").getFirst();
        EventTypeHeader.add(headed.headers(), EventCatalog.FESTIVAL_CLOCK_CHANGED.key());
        records.add(headed);

        poll.apply(records, clockOnly, events -> { }, store::write);

        assertThat(store.committed).as("one without the header is judged by its envelope").containsExactly("a", "b");
    }

    @Test
    void theHeaderCannotLetInWhatTheEnvelopeSaysIsAnotherType() {
        ConsumerRecord<String, byte[]> lying = records("clock").getFirst();
        EventTypeHeader.add(lying.headers(), EventCatalog.ORDER_CONFIRMED.key());

        poll.apply(List.of(lying), EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED), events -> { }, store::write);

        assertThat(store.commits).isZero();
    }

    @Test
    void whenOneEventFailsTheOthersBeforeItAreKeptAndItIsNamed() {
        Consumer<EventEnvelope<?>> step = e -> {
            store.write(e);
            if (e.aggregateKey().equals("bad")) {
                throw new IllegalStateException("cannot apply");
            }
        };

        assertThatThrownBy(() -> poll.apply(records("a", "b", "bad", "c"), e -> true, events -> { }, step))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).hasMessage("cannot apply");
                });
        // The shared transaction rolled back whole; "a" and "b" were applied again alone and kept; "c" waits for the
        // next poll, which starts after the named record.
        assertThat(store.committed).containsExactly("a", "b");
        assertThat(store.rollbacks).isEqualTo(2);
    }

    @Test
    void aFailingSingleEventIsNamedWithoutTryingItTwice() {
        assertThatThrownBy(() -> poll.apply(records("skip", "bad"), e -> !e.aggregateKey().equals("skip"), events -> { },
                e -> {
                    throw new IllegalStateException("cannot apply");
                }))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(store.rollbacks).isEqualTo(1);
    }

    @Test
    void anUnreadableRecordIsNamedAfterTheEventsBeforeItAreApplied() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records("a", "b"));
        records.add(new ConsumerRecord<>("t", 0, 2, "x", "{nope".getBytes(StandardCharsets.UTF_8)));
        records.addAll(records("c"));

        assertThatThrownBy(() -> poll.apply(records, e -> true, events -> { }, store::write))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(UnreadableEventException.class);
                });
        assertThat(store.committed).containsExactly("a", "b");
        assertThat(store.commits).isEqualTo(1);
    }

    private List<ConsumerRecord<String, byte[]>> records(String... keys) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String key : keys) {
            EventEnvelope<FestivalClockChanged> event = EventEnvelope.wrap(EventCatalog.FESTIVAL_CLOCK_CHANGED, key,
                    Instant.parse("2026-11-10T15:55:00Z"), null, new FestivalClockChanged(Instant.parse("2026-11-10T15:55:00Z"),
                            Instant.parse("2026-11-10T15:55:00Z"), 60, "ops"));
            records.add(new ConsumerRecord<>("t", 0, records.size(), key, codec.encode(event)));
        }
        return records;
    }

    private static List<String> keys(List<EventEnvelope<?>> events) {
        return events.stream().map(EventEnvelope::aggregateKey).toList();
    }

    /** A transaction manager whose transactions buffer writes and publish them only on commit. */
    private static final class Store extends AbstractPlatformTransactionManager {
        final List<String> committed = new ArrayList<>();
        int commits;
        int rollbacks;
        private List<String> pending;

        void write(EventEnvelope<?> event) {
            pending.add(event.aggregateKey());
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            pending = new ArrayList<>();
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed.addAll(pending);
            commits++;
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            pending = null;
            rollbacks++;
        }
    }
}
