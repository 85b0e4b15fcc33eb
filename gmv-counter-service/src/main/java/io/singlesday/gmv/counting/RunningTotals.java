package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.platform.kafka.EventCodec;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The counter's second stage: a single task that folds every partition's sums into the running figures,
 * publishes each changed figure to the compacted gmv.figures topic (which every instance reads to answer
 * queries) and announces each milestone once.
 */
final class RunningTotals implements Processor<String, byte[], String, byte[]> {

    static final String FIGURES = "figures-out";
    static final String MILESTONES = "milestones-out";
    static final String DEAD_LETTERS = "batches-dead-letters";
    /** Kept beside the reached milestones: the latest festival second counted so far. */
    private static final String LATEST_SECOND = "_latest-second";

    private final MarksNow marks;
    private final EventCodec codec;
    private final Counter deadLetters;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> totals;
    private KeyValueStore<String, byte[]> reached;
    /**
     * What the totals store holds, read once at start (after Kafka Streams has restored it) and kept equal by writing
     * both: the store is for surviving a restart, this for reading, since a batch touches thousands of figures and
     * the store's read path (serialised key, sorted map) cost as much as its write.
     */
    private final Map<String, Figures> current = new HashMap<>();

    RunningTotals(MarksNow marks, EventCodec codec, MeterRegistry meters, String topic) {
        this.marks = marks;
        this.codec = codec;
        this.deadLetters = meters.counter("festival.kafka.dead.letters", "topic", topic);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.totals = context.getStateStore(CounterTopology.TOTALS_STORE);
        this.reached = context.getStateStore(CounterTopology.MILESTONES_STORE);
        current.clear();
        try (KeyValueIterator<String, byte[]> all = totals.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                current.put(next.key, Figures.fromBytes(next.value));
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Map<String, Figures> deltas;
        try {
            deltas = FigureBatch.decode(record.value());
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException | NegativeArraySizeException e) {
            deadLetters.increment();
            record.headers().add("kafka_dlt-exception-message", "unreadable figure batch".getBytes(StandardCharsets.UTF_8));
            context.forward(record, DEAD_LETTERS);
            return;
        }
        Figures before = current.getOrDefault(FigureKeys.TOTAL, Figures.ZERO);
        long totalBefore = before.gmvFen();
        TreeMap<Instant, Long> gmvBySecond = new TreeMap<>();
        deltas.forEach((key, delta) -> {
            Figures now = current.getOrDefault(key, Figures.ZERO).plus(delta);
            byte[] bytes = now.toBytes();
            totals.put(key, bytes);
            current.put(key, now);
            context.forward(new Record<>(key, bytes, record.timestamp()), FIGURES);
            if (key.startsWith(FigureKeys.prefix(FigureKeys.SECOND))) {
                gmvBySecond.merge(FigureKeys.timeOf(key), delta.gmvFen(), Long::sum);
            }
        });
        byte[] latestBytes = reached.get(LATEST_SECOND);
        Instant latest = latestBytes == null ? null : Instant.ofEpochSecond(ByteBuffer.wrap(latestBytes).getLong());
        Figures after = before.plus(deltas.getOrDefault(FigureKeys.TOTAL, Figures.ZERO));
        for (GmvMilestoneReached milestone : marks.at(after).passed(totalBefore, gmvBySecond, reachedIds(), latest)) {
            reached.put(milestone.milestoneId(), new byte[]{1});
            EventEnvelope<GmvMilestoneReached> envelope = EventEnvelope.wrap(EventCatalog.GMV_MILESTONE_REACHED,
                    milestone.milestoneId(), milestone.reachedAt(), null, milestone);
            context.forward(new Record<>(milestone.milestoneId(), codec.encode(envelope), record.timestamp()), MILESTONES);
        }
        if (!gmvBySecond.isEmpty() && (latest == null || gmvBySecond.lastKey().isAfter(latest))) {
            reached.put(LATEST_SECOND, ByteBuffer.allocate(Long.BYTES).putLong(gmvBySecond.lastKey().getEpochSecond()).array());
        }
    }

    private Set<String> reachedIds() {
        Set<String> ids = new HashSet<>();
        try (KeyValueIterator<String, byte[]> all = reached.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                if (!LATEST_SECOND.equals(next.key)) {
                    ids.add(next.key);
                }
            }
        }
        return ids;
    }
}
