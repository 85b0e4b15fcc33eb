package io.singlesday.gmv;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.Money;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderPlaced;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Order events as the order service writes them, made up from a seed, and a producer to send them. */
public final class OrderEvents implements AutoCloseable {

    public static final List<String> CITIES = List.of("Hangzhou", "Shanghai", "Beijing", "Shenzhen", "Chengdu");
    public static final List<String> COUNTRIES = List.of("CN", "DE", "JP", "US", "AU", "KR");
    public static final EventCodec CODEC = new EventCodec(JsonMapper.builder().findAndAddModules().build());

    private final Random random;
    private final KafkaProducer<String, byte[]> producer = TopicRecords.producer();
    private final List<UUID> brands;

    public OrderEvents(long seed, int brandCount) {
        this.random = new Random(seed);
        this.brands = random.ints(brandCount).mapToObj(i -> new UUID(seed, i)).toList();
    }

    public List<UUID> brands() {
        return brands;
    }

    public OrderConfirmed confirmed(Instant at) {
        UUID brand = brands.get(random.nextInt(brands.size()));
        int lines = 1 + random.nextInt(3);
        List<OrderConfirmed.Line> items = new java.util.ArrayList<>();
        long paid = 0;
        for (int i = 0; i < lines; i++) {
            long linePaid = 100 + random.nextInt(99_900);
            int quantity = 1 + random.nextInt(3);
            paid += linePaid;
            items.add(new OrderConfirmed.Line(UUID.randomUUID(), UUID.randomUUID(), brand, 100 + random.nextInt(5),
                    COUNTRIES.get(random.nextInt(COUNTRIES.size())), quantity, Money.fen(linePaid + 500), Money.fen(500),
                    Money.fen(linePaid)));
        }
        boolean mobile = random.nextInt(100) < 93;
        OrderConfirmed.Channel channel = random.nextInt(10) == 0 ? OrderConfirmed.Channel.LIVESTREAM
                : mobile ? OrderConfirmed.Channel.APP : OrderConfirmed.Channel.PC;
        String city = CITIES.get(random.nextInt(CITIES.size()));
        boolean delivered = random.nextInt(5) > 0;
        return new OrderConfirmed(UUID.randomUUID(), UUID.randomUUID(), "shopper-" + random.nextInt(1000), UUID.randomUUID(),
                brand, channel, channel == OrderConfirmed.Channel.LIVESTREAM ? "session-" + random.nextInt(3) : null,
                mobile ? OrderConfirmed.Device.MOBILE : OrderConfirmed.Device.PC, city, city + " province", at,
                Money.fen(paid + 500L * lines), Money.fen(500L * lines), Money.fen(paid), items,
                // As the order service sends them today: most with a delivery point and the buyer's fingerprints.
                delivered ? 30 + random.nextDouble() : null, delivered ? 120 + random.nextDouble() : null,
                delivered ? new OrderConfirmed.Buyer(Long.toHexString(random.nextLong() | Long.MIN_VALUE),
                        random.nextBoolean() ? Long.toHexString(random.nextLong() | Long.MIN_VALUE) : null) : null);
    }

    public static OrderPlaced placed(OrderConfirmed o) {
        return new OrderPlaced(o.orderId(), o.checkoutId(), o.shopperId(), o.storeId(), o.brandId(), o.channel(),
                o.livestreamId(), o.device(), o.city(), o.province(), o.confirmedAt(), o.listTotal(), o.discountTotal(),
                o.paidTotal(), o.lines());
    }

    public static OrderCancelled cancelled(OrderConfirmed o, boolean wasConfirmed) {
        return new OrderCancelled(o.orderId(), o.checkoutId(), o.shopperId(), o.storeId(), o.brandId(), o.livestreamId(),
                wasConfirmed ? OrderCancelled.Reason.SHOPPER_CANCELLED : OrderCancelled.Reason.PAYMENT_DECLINED, "test",
                o.confirmedAt(), wasConfirmed, o.lines());
    }

    /** The return of the order's first line, in full, at {@code at}. */
    public static io.singlesday.contracts.orders.OrderRefunded refundOfFirstLine(OrderConfirmed o, Instant at) {
        OrderConfirmed.Line line = o.lines().getFirst();
        return new io.singlesday.contracts.orders.OrderRefunded(UUID.randomUUID(), o.orderId(), o.checkoutId(), o.shopperId(),
                o.storeId(), o.brandId(), o.livestreamId(), o.confirmedAt(), at, line.paid(), o.lines().size() == 1,
                List.of(new io.singlesday.contracts.orders.OrderRefunded.Line(1, line.skuId(), line.productId(),
                        line.brandId(), line.categoryId(), line.quantity(), line.paid())));
    }

    public static byte[] envelope(Object payload, UUID orderId, Instant at) {
        var type = switch (payload) {
            case OrderConfirmed c -> EventCatalog.ORDER_CONFIRMED;
            case OrderPlaced p -> EventCatalog.ORDER_PLACED;
            case OrderCancelled c -> EventCatalog.ORDER_CANCELLED;
            case io.singlesday.contracts.orders.OrderRefunded r -> EventCatalog.ORDER_REFUNDED;
            default -> throw new IllegalArgumentException(payload.getClass().getName());
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventEnvelope<?> envelope = EventEnvelope.wrap((io.singlesday.contracts.EventType) type, orderId.toString(), at,
                null, payload);
        return CODEC.encode(envelope);
    }

    public void send(UUID orderId, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), orderId.toString(), value));
    }

    public void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.ORDERS_EVENTS.name(), key, value));
    }

    /** Announces each brand's store as the catalog does, so rankings can show names. */
    public void openStores(List<String> names) {
        for (int i = 0; i < brands.size(); i++) {
            UUID brand = brands.get(i);
            StoreOpened opened = new StoreOpened(UUID.randomUUID(), brand, names.get(i % names.size()), "CN", false, null);
            byte[] value = CODEC.encode(EventEnvelope.wrap(EventCatalog.STORE_OPENED, brand.toString(), Instant.now(), null, opened));
            producer.send(new ProducerRecord<>(Topics.CATALOG_STORES.name(), brand.toString(), value));
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
