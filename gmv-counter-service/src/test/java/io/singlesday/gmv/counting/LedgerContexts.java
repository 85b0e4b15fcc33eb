package io.singlesday.gmv.counting;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/** A processor context holding the ledger's stores (in memory, unlogged), as Kafka Streams hands them to a task. */
final class LedgerContexts {

    private LedgerContexts() {
    }

    static MockProcessorContext<String, byte[]> withLedgerStores(long nowMs) {
        MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(nowMs);
        context.setRecordMetadata("orders.events", 0, 0L);
        for (String name : List.of(CounterTopology.LEDGER_STORE, CounterTopology.UNFLUSHED_STORE, CounterTopology.PENDING_STORE)) {
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                    Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        return context;
    }
}
