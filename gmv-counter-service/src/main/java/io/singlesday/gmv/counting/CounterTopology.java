package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.tracing.TraceHop;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;

/**
 * orders.events (12 partitions) → order ledger, one task per partition → gmv.batches (1 partition) → running
 * totals → gmv.figures and gmv.milestones, which every instance reads whole into global stores for queries.
 * Pre-summing per partition keeps the single totals task to a few small records per flush, however many
 * orders arrive.
 */
public final class CounterTopology {

    public static final String LEDGER_STORE = "gmv-order-ledger";
    /** The previous release's pending sums per figure; read once at start and left empty. */
    public static final String PENDING_STORE = "gmv-pending-sums";
    public static final String UNFLUSHED_STORE = "gmv-unflushed-deltas";
    public static final String TOTALS_STORE = "gmv-running-totals";
    public static final String MILESTONES_STORE = "gmv-milestones-reached";
    public static final String FIGURES_VIEW = "gmv-figures-view";
    public static final String MILESTONES_VIEW = "gmv-milestones-view";
    public static final String BRAND_NAMES = "gmv-brand-names";

    private CounterTopology() {
    }

    public static Topology build(EventCodec codec, MarksNow marks, FlushPolicy flushes, MeterRegistry meters,
                                 TraceHop traces) {
        var strings = Serdes.String();
        var bytes = Serdes.ByteArray();
        Topology topology = new Topology();

        topology.addSource("orders-in", strings.deserializer(), bytes.deserializer(), Topics.ORDERS_EVENTS.name());
        topology.addProcessor("order-ledger",
                () -> new OrderLedger(codec, flushes, meters, Topics.ORDERS_EVENTS.name(), traces), "orders-in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER_STORE), strings, bytes),
                "order-ledger");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STORE), strings, bytes)
                .withCachingEnabled(), "order-ledger");
        // One small entry per event in slots reused every flush interval (see OrderLedger): no record cache, whose
        // sorted map cost more than the store itself, and no deletions to log.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(UNFLUSHED_STORE), strings, bytes),
                "order-ledger");
        topology.addSink(OrderLedger.DEAD_LETTERS, Topics.ORDERS_EVENTS.deadLetter().name(), strings.serializer(),
                bytes.serializer(), "order-ledger");
        topology.addSink(OrderLedger.BATCHES, Topics.GMV_BATCHES.name(), strings.serializer(), bytes.serializer(),
                "order-ledger");

        topology.addSource("batches-in", strings.deserializer(), bytes.deserializer(), Topics.GMV_BATCHES.name());
        topology.addProcessor("running-totals",
                () -> new RunningTotals(marks, codec, meters, Topics.GMV_BATCHES.name()), "batches-in");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TOTALS_STORE), strings, bytes),
                "running-totals");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MILESTONES_STORE), strings, bytes),
                "running-totals");
        topology.addSink(RunningTotals.FIGURES, Topics.GMV_FIGURES.name(), strings.serializer(), bytes.serializer(),
                "running-totals");
        topology.addSink(RunningTotals.MILESTONES, Topics.GMV_MILESTONES.name(), strings.serializer(),
                bytes.serializer(), "running-totals");
        topology.addSink(RunningTotals.DEAD_LETTERS, Topics.GMV_BATCHES.deadLetter().name(), strings.serializer(),
                bytes.serializer(), "running-totals");

        globalView(topology, FIGURES_VIEW, Topics.GMV_FIGURES.name());
        globalView(topology, MILESTONES_VIEW, Topics.GMV_MILESTONES.name());
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BRAND_NAMES), strings, bytes)
                        .withLoggingDisabled(), "stores-in", strings.deserializer(), bytes.deserializer(),
                Topics.CATALOG_STORES.name(), "brand-names-updater", () -> new BrandNames(codec));
        return topology;
    }

    /** A read-only copy of a compacted topic on every instance; the topic itself is its changelog. */
    private static void globalView(Topology topology, String store, String topic) {
        var strings = Serdes.String();
        var bytes = Serdes.ByteArray();
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), strings, bytes)
                        .withLoggingDisabled(), store + "-in", strings.deserializer(), bytes.deserializer(), topic,
                store + "-updater", () -> new CopyToStore(store));
    }

    /** Brand id to the name of its store, so rankings read "Lancôme Official Store" rather than an id. */
    private static final class BrandNames implements Processor<String, byte[], Void, Void> {
        private final EventCodec codec;
        private KeyValueStore<String, byte[]> store;

        BrandNames(EventCodec codec) {
            this.codec = codec;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(BRAND_NAMES);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            try {
                if (codec.decode(record.value()).payload() instanceof StoreOpened opened && opened.name() != null) {
                    store.put(opened.brandId().toString(), opened.name().getBytes(StandardCharsets.UTF_8));
                }
            } catch (UnreadableEventException e) {
                // A name is a nicety: an unreadable store event leaves the id showing; the catalog's own consumers dead-letter it.
            }
        }
    }

    private static final class CopyToStore implements Processor<String, byte[], Void, Void> {
        private final String storeName;
        private KeyValueStore<String, byte[]> store;

        CopyToStore(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
