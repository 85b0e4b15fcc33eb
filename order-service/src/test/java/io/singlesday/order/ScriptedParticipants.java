package io.singlesday.order;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.EventType;
import io.singlesday.contracts.coupons.CouponLockRejected;
import io.singlesday.contracts.coupons.CouponsLocked;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.RealEngines;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The catalog and the coupon service as the saga meets them, on the real broker, following a script per SKU and
 * per coupon code: answer, refuse, stay silent, or answer twice. The real participants are tested in their own
 * modules and end to end in the local stack; here the point is every path of the orchestrator.
 */
public final class ScriptedParticipants implements AutoCloseable {

    /** In rising precedence: one refusing line refuses the whole command. */
    public enum Script { ANSWER, ANSWER_TWICE, MISPRICE, SILENT, REFUSE }

    private final EventCodec codec;
    private final java.util.function.Function<LockCoupons, List<CouponsLocked.OrderDiscount>> discounts;
    private final Map<Object, Script> scripts = new ConcurrentHashMap<>();
    private final List<EventEnvelope<?>> commands = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, byte[]> producer = TopicRecords.producer();
    private final Thread worker;
    private volatile boolean running = true;

    /** @param discounts what the coupon service would answer for a lock: the test knows what the checkout priced */
    public ScriptedParticipants(EventCodec codec,
                                java.util.function.Function<LockCoupons, List<CouponsLocked.OrderDiscount>> discounts)
            throws InterruptedException {
        this.codec = codec;
        this.discounts = discounts;
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealEngines.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "scripted-participants-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of("catalog.stock.commands", "coupons.commands"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(tp -> consumer.position(tp));
        worker = Thread.ofPlatform().name("scripted-participants").daemon().start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        answer(codec.decode(record.value()));
                    }
                }
            }
        });
    }

    public void script(Object skuOrCode, Script script) {
        scripts.put(skuOrCode, script);
    }

    /** Commands of this type received so far, for this key (an order or checkout id). */
    public List<EventEnvelope<?>> received(EventType<?> type, UUID key) {
        return commands.stream().filter(c -> c.type().equals(type.name()) && c.aggregateKey().equals(key.toString())).toList();
    }

    private void answer(EventEnvelope<?> command) {
        commands.add(command);
        switch (command.payload()) {
            case ReserveStock reserve -> {
                Script script = worst(reserve.lines().stream().map(StockLine::skuId).map(s -> (Object) s).toList());
                UUID refused = reserve.lines().stream().map(StockLine::skuId)
                        .filter(s -> scripts.get(s) == Script.REFUSE).findFirst().orElse(null);
                reply(script, EventCatalog.STOCK_RESERVED, EventCatalog.STOCK_RESERVATION_REJECTED, reserve.orderId(),
                        new StockReserved(reserve.orderId(), reserve.lines()),
                        new StockReservationRejected(reserve.orderId(), StockReservationRejected.Reason.INSUFFICIENT_STOCK, refused));
            }
            case ReserveStockFromHold reserve -> {
                Script script = worst(reserve.lines().stream().map(StockLine::skuId).map(s -> (Object) s).toList());
                reply(script, EventCatalog.STOCK_RESERVED, EventCatalog.STOCK_RESERVATION_REJECTED, reserve.orderId(),
                        new StockReserved(reserve.orderId(), reserve.lines()),
                        new StockReservationRejected(reserve.orderId(), StockReservationRejected.Reason.HOLD_EXHAUSTED,
                                reserve.lines().getFirst().skuId()));
            }
            case LockCoupons lock -> {
                Script script = worst(List.copyOf(lock.codes()));
                String refused = lock.codes().stream().filter(c -> scripts.get(c) == Script.REFUSE).findFirst().orElse(null);
                List<CouponsLocked.OrderDiscount> answer = new java.util.ArrayList<>(discounts.apply(lock));
                if (script == Script.MISPRICE) {
                    CouponsLocked.OrderDiscount first = answer.removeFirst();
                    answer.addFirst(new CouponsLocked.OrderDiscount(first.code(), first.orderId(),
                            new io.singlesday.contracts.Money(first.amount().minor() + 1, first.amount().currency())));
                    script = Script.ANSWER;
                }
                reply(script, EventCatalog.COUPONS_LOCKED, EventCatalog.COUPON_LOCK_REJECTED, lock.checkoutId(),
                        new CouponsLocked(lock.checkoutId(), lock.codes(), answer),
                        new CouponLockRejected(lock.checkoutId(), refused, CouponLockRejected.Reason.ALREADY_USED));
            }
            default -> {
                // Commit, release, redeem, unlock: recorded for the tests to check; no answer needed by the saga.
            }
        }
    }

    private Script worst(List<Object> keys) {
        return keys.stream().map(k -> scripts.getOrDefault(k, Script.ANSWER))
                .max(java.util.Comparator.naturalOrder()).orElse(Script.ANSWER);
    }

    private <A, R> void reply(Script script, EventType<A> ok, EventType<R> no, UUID key, A yes, R refusal) {
        switch (script) {
            case ANSWER -> send(EventEnvelope.wrap(ok, key.toString(), Instant.now(), null, yes));
            case REFUSE -> send(EventEnvelope.wrap(no, key.toString(), Instant.now(), null, refusal));
            case SILENT -> {
            }
            case ANSWER_TWICE -> {
                // The same record twice (an outbox that published again), then a fresh answer to a redelivered command.
                EventEnvelope<A> first = EventEnvelope.wrap(ok, key.toString(), Instant.now(), null, yes);
                send(first);
                send(first);
                send(EventEnvelope.wrap(ok, key.toString(), Instant.now(), null, yes));
            }
        }
    }

    /** Sends a reply as a participant would, e.g. one that arrives late. */
    public void send(EventEnvelope<?> reply) {
        String topic = EventCatalog.find(reply.type(), reply.schemaVersion()).orElseThrow().topic().name();
        try {
            producer.send(new ProducerRecord<>(topic, reply.aggregateKey(), codec.encode(reply))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.join(5000);
        producer.close();
    }
}
