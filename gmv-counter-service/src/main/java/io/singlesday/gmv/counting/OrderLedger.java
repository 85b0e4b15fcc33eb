package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.kafka.EventTypeHeader;
import io.singlesday.platform.tracing.TraceHop;
import io.singlesday.platform.kafka.UnreadableEventException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The counter's first stage, one instance per orders.events partition. It remembers every order it counted (so a
 * second copy of an event, or a second confirmation of one order, adds nothing), adds each new confirmation (and
 * each refund of a counted order, once per refund) to the partition's pending sums, and hands those sums to the
 * second stage every flush interval.
 *
 * <p>Exactly once without paying per figure: the pending sums live in memory, and what each event added is kept in a
 * small state store of unflushed deltas. Ledger, unflushed deltas and handed-over batches move forward in the same
 * transaction as the input offsets, so after a crash the sums are rebuilt from the unflushed deltas and nothing is
 * lost or counted twice. The deltas cost one write per event and nothing to hand over: each flush interval is a
 * generation, its events fill numbered slots from 0 (overwriting older generations' slots), and a flush writes one
 * "flushed up to generation G" mark; a slot of a generation after the mark is unflushed, any other is stale. The
 * ledger keeps a compact copy of each order ({@link CountedSale}), not its envelope; entries written before that are
 * still read, and so are unflushed deltas kept one per event id by the previous release.
 */
final class OrderLedger implements Processor<String, byte[], String, byte[]> {

    /** OrderPlaced and anything else on the topic is passed over by its type header, without being decoded. */
    private static final EventTypeHeader.Wanted COUNTS =
            EventTypeHeader.anyOf(EventCatalog.ORDER_CONFIRMED, EventCatalog.ORDER_CANCELLED, EventCatalog.ORDER_REFUNDED);

    private static final String CONFIRMED_KEY = EventCatalog.ORDER_CONFIRMED.key();

    static final String DEAD_LETTERS = "orders-dead-letters";
    static final String BATCHES = "batches-out";

    // Ledger entries: a status, the event id, then the order. 1 and 2 carry the envelope (written before the compact
    // form); 5 and 6 carry a CountedSale; 3 marks a refund as counted.
    private static final byte COUNTED_ENVELOPE = 1;
    private static final byte REVERSED_ENVELOPE = 2;
    private static final byte REFUNDED = 3;
    private static final byte COUNTED = 5;
    private static final byte REVERSED = 6;
    private static final String REFUND_PREFIX = "refund|";

    // Unflushed deltas: what one event added, enough to add it again after a restart. A slot's value is its generation
    // (8 bytes) and then the delta; the previous release kept one delta per event id, without a generation.
    static final String FLUSHED_MARK = "flushed";
    private static final byte ADDED_SALE = 1;
    private static final byte TOOK_BACK_SALE = 2;
    private static final byte ADDED_REFUND = 3;
    // A sale counted or taken back, by its order id alone: the ledger entry written beside it holds the sale.
    private static final byte ADDED_SALE_OF_ORDER = 4;
    private static final byte TOOK_BACK_SALE_OF_ORDER = 5;

    private final EventCodec codec;
    private final SaleReader sales = new SaleReader();
    private final TraceHop traces;
    private final FlushPolicy flushes;
    private final Counter deadLetters;
    private final Counter duplicateEvents;
    private final Counter duplicateOrders;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> ledger;
    private KeyValueStore<String, byte[]> unflushed;
    private final PendingSums pending = new PendingSums();
    /** The generation being filled, and its next free slot. */
    private long generation;
    private int nextSlot;
    /** When this partition last handed over, and the timestamp of the newest record it has read: how far behind it is. */
    private long lastFlushMs;
    private long newestRecordMs = Long.MIN_VALUE;

    OrderLedger(EventCodec codec, FlushPolicy flushes, MeterRegistry meters, String topic, TraceHop traces) {
        this.codec = codec;
        this.traces = traces;
        this.flushes = flushes;
        this.deadLetters = meters.counter("festival.kafka.dead.letters", "topic", topic);
        this.duplicateEvents = meters.counter("festival.gmv.duplicates", "kind", "same-event");
        this.duplicateOrders = meters.counter("festival.gmv.duplicates", "kind", "same-order");
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.ledger = context.getStateStore(CounterTopology.LEDGER_STORE);
        this.unflushed = context.getStateStore(CounterTopology.UNFLUSHED_STORE);
        rebuildPending(context.getStateStore(CounterTopology.PENDING_STORE));
        lastFlushMs = context.currentSystemTimeMs();
        context.schedule(flushes.interval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            if (flushes.due(now, lastFlushMs, newestRecordMs)) {
                lastFlushMs = now;
                flush();
            }
        });
    }

    @Override
    public void process(Record<String, byte[]> record) {
        newestRecordMs = Math.max(newestRecordMs, record.timestamp());
        if (!COUNTS.mayWant(record.headers())) {
            return;
        }
        String type = EventTypeHeader.of(record.headers());
        if (type == null || CONFIRMED_KEY.equals(type)) {
            SaleReader.Read sale = sales.read(record.value());
            if (sale != null) {
                try (TraceHop.Scope trace = traces.span(sale.traceparent(), "count OrderConfirmed")) {
                    confirm(sale.eventId(), sale.orderId(), sale.sale());
                }
                return;
            }
        }
        EventEnvelope<?> envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (UnreadableEventException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (envelope.payload() instanceof OrderConfirmed || envelope.payload() instanceof OrderCancelled
                || envelope.payload() instanceof OrderRefunded) {
            // Counting an order is a step of its checkout's trace, carried in the envelope.
            try (TraceHop.Scope trace = traces.span(envelope.traceparent(), "count " + envelope.type())) {
                count(record, envelope);
            }
        }
    }

    private void count(Record<String, byte[]> record, EventEnvelope<?> envelope) {
        switch (envelope.payload()) {
            case OrderConfirmed confirmed -> {
                String problem = incomplete(confirmed);
                if (problem != null) {
                    deadLetter(record, problem);
                } else {
                    confirm(envelope.eventId(), confirmed.orderId(), CountedSale.of(confirmed));
                }
            }
            case OrderCancelled cancelled -> cancel(envelope.eventId(), cancelled);
            case OrderRefunded refunded -> refund(envelope.eventId(), refunded);
            default -> {
                // OrderPlaced and anything else on the topic: not paid, so not GMV.
            }
        }
    }

    private void confirm(UUID eventId, UUID order, CountedSale sale) {
        String orderId = order.toString();
        byte[] known = ledger.get(orderId);
        if (known != null) {
            (eventIdOf(known).equals(eventId) ? duplicateEvents : duplicateOrders).increment();
            return;
        }
        ledger.put(orderId, entry(COUNTED, eventId, sale.toBytes()));
        keepUnflushed(ofOrder(ADDED_SALE_OF_ORDER, order));
        OrderContribution.addSale(sale, 1, pending);
    }

    /** Only a confirmed order that was counted is taken back; an unpaid order's cancellation was never GMV. */
    private void cancel(UUID eventId, OrderCancelled cancelled) {
        if (!cancelled.wasConfirmed()) {
            return;
        }
        String orderId = cancelled.orderId().toString();
        byte[] known = ledger.get(orderId);
        if (known == null || !counted(known)) {
            if (known != null) {
                duplicateEvents.increment();
            }
            return;
        }
        CountedSale sale = saleOf(known);
        ledger.put(orderId, entry(REVERSED, eventId, sale.toBytes()));
        keepUnflushed(ofOrder(TOOK_BACK_SALE_OF_ORDER, cancelled.orderId()));
        OrderContribution.addSale(sale, -1, pending);
    }

    /**
     * A refund of a counted order is added once (by its refund id, a second copy adds nothing). It is read against
     * the sale the ledger kept, which sits on the same partition (both are keyed by order), so it always comes after.
     */
    private void refund(UUID eventId, OrderRefunded refund) {
        String refundKey = REFUND_PREFIX + refund.refundId();
        if (ledger.get(refundKey) != null) {
            duplicateEvents.increment();
            return;
        }
        byte[] known = ledger.get(refund.orderId().toString());
        if (known == null || !counted(known)) {
            return;
        }
        CountedSale sale = saleOf(known);
        CountedSale.Refund compactRefund = CountedSale.Refund.of(refund);
        byte[] saleBytes = sale.toBytes();
        byte[] refundBytes = compactRefund.toBytes();
        ledger.put(refundKey, entry(REFUNDED, eventId, new byte[0]));
        keepUnflushed(ByteBuffer.allocate(1 + 4 + saleBytes.length + refundBytes.length).put(ADDED_REFUND)
                .putInt(saleBytes.length).put(saleBytes).put(refundBytes).array());
        OrderContribution.addRefund(sale, compactRefund, pending);
    }

    private static byte[] ofOrder(byte kind, UUID order) {
        return ByteBuffer.allocate(1 + 16).put(kind).putLong(order.getMostSignificantBits())
                .putLong(order.getLeastSignificantBits()).array();
    }

    /** What one event added, kept until its sums are handed over (its pending sums are added by the caller). */
    private void keepUnflushed(byte[] delta) {
        unflushed.put(Integer.toString(nextSlot++),
                ByteBuffer.allocate(Long.BYTES + delta.length).putLong(generation).put(delta).array());
    }

    /**
     * After a restart: the sums of every event not yet handed over, from the slots of the generation after the last
     * flush mark, which this ledger goes on filling.
     */
    private void rebuildPending(KeyValueStore<String, byte[]> legacyPending) {
        byte[] mark = unflushed.get(FLUSHED_MARK);
        long flushed = mark == null ? -1 : ByteBuffer.wrap(mark).getLong();
        generation = flushed + 1;
        List<KeyValue<String, byte[]>> legacyDeltas = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = unflushed.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                if (next.key.equals(FLUSHED_MARK)) {
                    continue;
                }
                if (next.key.indexOf('-') >= 0) {
                    legacyDeltas.add(next);
                    continue;
                }
                ByteBuffer slot = ByteBuffer.wrap(next.value);
                if (slot.getLong() > flushed) {
                    nextSlot = Math.max(nextSlot, Integer.parseInt(next.key) + 1);
                    addContribution(slot.slice(), pending);
                }
            }
        }
        // The previous release's deltas (one per event id) move into slots in this transaction, so they stay unflushed
        // until the flush that hands them over.
        for (KeyValue<String, byte[]> legacy : legacyDeltas) {
            keepUnflushed(legacy.value);
            addContribution(ByteBuffer.wrap(legacy.value), pending);
            unflushed.delete(legacy.key);
        }
        // Sums pending in the store of an older release are taken over once, and handed over with the next flush.
        List<String> legacyKeys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = legacyPending.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                legacyKeys.add(next.key);
                pending.add(next.key, Figures.fromBytes(next.value));
            }
        }
        legacyKeys.forEach(legacyPending::delete);
    }

    private void addContribution(ByteBuffer in, OrderContribution.Sink sink) {
        byte kind = in.get();
        switch (kind) {
            case ADDED_SALE_OF_ORDER, TOOK_BACK_SALE_OF_ORDER -> {
                String order = new UUID(in.getLong(), in.getLong()).toString();
                OrderContribution.addSale(saleOf(ledger.get(order)), kind == ADDED_SALE_OF_ORDER ? 1 : -1, sink);
            }
            case ADDED_SALE -> OrderContribution.addSale(CountedSale.read(in), 1, sink);
            case TOOK_BACK_SALE -> OrderContribution.addSale(CountedSale.read(in), -1, sink);
            case ADDED_REFUND -> {
                int saleLength = in.getInt();
                CountedSale sale = CountedSale.read(in.slice(in.position(), saleLength));
                in.position(in.position() + saleLength);
                OrderContribution.addRefund(sale, CountedSale.Refund.read(in), sink);
            }
            default -> throw new IllegalStateException("unknown unflushed delta " + kind);
        }
    }

    private void flush() {
        if (nextSlot == 0 && pending.isEmpty()) {
            return;
        }
        if (!pending.isEmpty()) {
            String partition = "orders.events-" + context.taskId().partition();
            context.forward(new Record<>(partition, pending.encode(), context.currentSystemTimeMs()), BATCHES);
            pending.clear();
        }
        unflushed.put(FLUSHED_MARK, ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
        generation++;
        nextSlot = 0;
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        deadLetters.increment();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(meta -> {
            headers.add("kafka_dlt-original-topic", meta.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("kafka_dlt-original-partition", Integer.toString(meta.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("kafka_dlt-original-offset", Long.toString(meta.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), DEAD_LETTERS);
    }

    /** Fields the counter cannot do without; a record missing one would otherwise poison every figure. */
    private static String incomplete(OrderConfirmed o) {
        if (o.orderId() == null || o.channel() == null || o.device() == null || o.city() == null
                || o.province() == null || o.confirmedAt() == null || o.paidTotal() == null || o.lines() == null) {
            return "OrderConfirmed without order id, channel, device, city, province, confirmation time or paid total";
        }
        if (!Money.CNY.equals(o.paidTotal().currency())) {
            return "the counter sums CNY; order paid in " + o.paidTotal().currency();
        }
        for (OrderConfirmed.Line line : o.lines()) {
            if (line.brandId() == null || line.originCountry() == null || line.paid() == null
                    || !Money.CNY.equals(line.paid().currency()) || line.quantity() < 1) {
                return "OrderConfirmed line without brand, origin, paid CNY amount or a positive quantity";
            }
        }
        return null;
    }

    private static byte[] entry(byte status, UUID eventId, byte[] envelope) {
        return ByteBuffer.allocate(1 + 16 + envelope.length).put(status)
                .putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits())
                .put(envelope).array();
    }

    private static boolean counted(byte[] entry) {
        return entry[0] == COUNTED || entry[0] == COUNTED_ENVELOPE;
    }

    /** The order an entry holds: a compact copy, or an envelope written before there was one. */
    private CountedSale saleOf(byte[] entry) {
        if (entry[0] == COUNTED || entry[0] == REVERSED) {
            return CountedSale.read(ByteBuffer.wrap(entry, 17, entry.length - 17));
        }
        return CountedSale.of((OrderConfirmed) codec.decode(envelopeOf(entry)).payload());
    }

    private static UUID eventIdOf(byte[] entry) {
        ByteBuffer buffer = ByteBuffer.wrap(entry, 1, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static byte[] envelopeOf(byte[] entry) {
        byte[] envelope = new byte[entry.length - 17];
        System.arraycopy(entry, 17, envelope, 0, envelope.length);
        return envelope;
    }
}
