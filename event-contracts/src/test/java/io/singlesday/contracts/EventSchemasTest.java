package io.singlesday.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.singlesday.contracts.catalog.IncubationTargetReached;
import io.singlesday.contracts.catalog.LivestreamSlotAwarded;
import io.singlesday.contracts.catalog.ProductSnapshot;
import io.singlesday.contracts.coupons.CouponIssued;
import io.singlesday.contracts.coupons.CouponLockRejected;
import io.singlesday.contracts.coupons.CouponsLocked;
import io.singlesday.contracts.coupons.CouponsRedeemed;
import io.singlesday.contracts.coupons.CouponsUnlocked;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.contracts.coupons.RedeemCoupons;
import io.singlesday.contracts.coupons.UnlockCoupons;
import io.singlesday.contracts.orders.OrderCancelled;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderPlaced;
import io.singlesday.contracts.orders.ReminderTriggered;
import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.contracts.logistics.ParcelStateChanged;
import io.singlesday.contracts.promotions.FlashSaleScheduled;
import io.singlesday.contracts.promotions.FlashSaleWithdrawn;
import io.singlesday.contracts.catalog.ProductUnlisted;
import io.singlesday.contracts.catalog.SkuPriceChanged;
import io.singlesday.contracts.catalog.StockLevelChanged;
import io.singlesday.contracts.catalog.StoreClosed;
import io.singlesday.contracts.catalog.StoreOpened;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.stock.CommitStock;
import io.singlesday.contracts.stock.DropStockHeld;
import io.singlesday.contracts.stock.DropStockRefused;
import io.singlesday.contracts.stock.DropStockReleased;
import io.singlesday.contracts.stock.HoldDropStock;
import io.singlesday.contracts.stock.ReleaseStock;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
import io.singlesday.contracts.stock.StockCommitted;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.stock.StockReleased;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.contracts.topics.Topic;
import io.singlesday.contracts.topics.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event the platform declares has a schema, and what the Java records write is what the schema says. */
class EventSchemasTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** One realistic payload per event type; a new type without a sample fails {@link #everyEventTypeHasASample}. */
    private static final UUID PRODUCT = UUID.fromString("0193a2b4-0000-7000-8000-000000000001");
    private static final UUID SKU = UUID.fromString("0193a2b4-0000-7000-8000-000000000002");
    private static final UUID BRAND = UUID.fromString("0193a2b4-0000-7000-8000-000000000003");
    private static final UUID STORE = UUID.fromString("0193a2b4-0000-7000-8000-000000000004");
    private static final UUID ORDER = UUID.fromString("0193a2b4-0000-7000-8000-000000000005");
    private static final UUID CHECKOUT = UUID.fromString("0193a2b4-0000-7000-8000-000000000006");
    private static final UUID CAMPAIGN = UUID.fromString("0193a2b4-0000-7000-8000-000000000007");
    private static final List<OrderConfirmed.Line> LINES = List.of(new OrderConfirmed.Line(SKU, PRODUCT, BRAND, 301, "DE", 2,
            Money.fen(39_800), Money.fen(5_000), Money.fen(34_800)));
    private static final ProductSnapshot SNAPSHOT = new ProductSnapshot(PRODUCT, STORE, BRAND, "Bergblick", 12,
            "Skin care", "Alpine face cream 50 ml", "DE", true, true,
            List.of(new ProductSnapshot.Sku(SKU, "BB-CREAM-50", Money.fen(19_900), 1000)));

    private static final Map<EventType<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventCatalog.FESTIVAL_CLOCK_CHANGED, new FestivalClockChanged(Instant.parse("2026-11-10T15:55:00Z"),
                    Instant.parse("2026-11-10T15:55:00Z"), 60.0, "ops-lead")),
            Map.entry(EventCatalog.PRODUCT_LISTED, SNAPSHOT),
            Map.entry(EventCatalog.PRODUCT_CHANGED, SNAPSHOT),
            Map.entry(EventCatalog.PRODUCT_UNLISTED, new ProductUnlisted(PRODUCT, BRAND)),
            Map.entry(EventCatalog.SKU_PRICE_CHANGED, new SkuPriceChanged(SKU, PRODUCT, Money.fen(19_900), Money.fen(15_900))),
            Map.entry(EventCatalog.STOCK_LEVEL_CHANGED, new StockLevelChanged(SKU, PRODUCT, 42)),
            Map.entry(EventCatalog.STORE_OPENED, new StoreOpened(STORE, BRAND, "Bergblick Official", "DE", true,
                    Instant.parse("2027-02-09T00:00:00Z"))),
            Map.entry(EventCatalog.STORE_CLOSED, new StoreClosed(STORE, BRAND, "brand left the platform")),
            Map.entry(EventCatalog.RESERVE_STOCK, new ReserveStock(ORDER, List.of(new StockLine(SKU, 2)))),
            Map.entry(EventCatalog.RESERVE_STOCK_FROM_HOLD, new ReserveStockFromHold(ORDER, CAMPAIGN, List.of(new StockLine(SKU, 1)))),
            Map.entry(EventCatalog.RELEASE_UNSOLD_STOCK, new ReleaseUnsoldStock(CAMPAIGN, 998)),
            Map.entry(EventCatalog.PLACE_LIVESTREAM_CHECKOUT, new PlaceLivestreamCheckout(CHECKOUT, "shopper-1", CAMPAIGN,
                    OrderConfirmed.Channel.LIVESTREAM, PlaceLivestreamCheckout.Offer.DROP, CAMPAIGN, SKU, 1, Money.fen(9_900),
                    CAMPAIGN, OrderConfirmed.Device.MOBILE, new PlaceLivestreamCheckout.Delivery("Li Wei", "1 Wensan Rd",
                    "Hangzhou", "Zhejiang", 30.2741, 120.1551))),
            Map.entry(EventCatalog.COMMIT_STOCK, new CommitStock(ORDER)),
            Map.entry(EventCatalog.RELEASE_STOCK, new ReleaseStock(ORDER, "payment declined")),
            Map.entry(EventCatalog.STOCK_RESERVED, new StockReserved(ORDER, List.of(new StockLine(SKU, 2)))),
            Map.entry(EventCatalog.STOCK_RESERVATION_REJECTED, new StockReservationRejected(ORDER,
                    StockReservationRejected.Reason.INSUFFICIENT_STOCK, SKU)),
            Map.entry(EventCatalog.STOCK_COMMITTED, new StockCommitted(ORDER, 1)),
            Map.entry(EventCatalog.STOCK_RELEASED, new StockReleased(ORDER, 1)),
            Map.entry(EventCatalog.HOLD_DROP_STOCK, new HoldDropStock(CAMPAIGN, List.of(new StockLine(SKU, 1000)))),
            Map.entry(EventCatalog.DROP_STOCK_HELD, new DropStockHeld(CAMPAIGN, List.of(new StockLine(SKU, 1000)))),
            Map.entry(EventCatalog.DROP_STOCK_REFUSED, new DropStockRefused(CAMPAIGN,
                    StockReservationRejected.Reason.INSUFFICIENT_STOCK, SKU)),
            Map.entry(EventCatalog.DROP_STOCK_RELEASED, new DropStockReleased(CAMPAIGN, 2)),
            Map.entry(EventCatalog.INCUBATION_TARGET_REACHED, new IncubationTargetReached(BRAND, Money.fen(100_000_000),
                    Money.fen(100_000_000), Instant.parse("2026-11-11T00:01:36Z"), 300)),
            Map.entry(EventCatalog.LIVESTREAM_SLOT_AWARDED, new LivestreamSlotAwarded(BRAND, "Bergblick", "2026-10", 1,
                    Money.fen(42_000_000))),
            Map.entry(EventCatalog.ORDER_CONFIRMED, new OrderConfirmed(ORDER, CHECKOUT,
                    "shopper-1", STORE, BRAND, OrderConfirmed.Channel.LIVESTREAM, "session-42", OrderConfirmed.Device.MOBILE,
                    "Hangzhou", "Zhejiang", Instant.parse("2026-11-11T00:00:26Z"), Money.fen(39_800), Money.fen(5_000),
                    Money.fen(34_800), LINES, 30.2741, 120.1551,
                    new OrderConfirmed.Buyer("9f2c1a7be0d34c55", "4be1907d2a6c3f10"))),
            Map.entry(EventCatalog.ORDER_PLACED, new OrderPlaced(ORDER, CHECKOUT, "shopper-1", STORE, BRAND,
                    OrderConfirmed.Channel.APP, null, OrderConfirmed.Device.MOBILE, "Hangzhou", "Zhejiang",
                    Instant.parse("2026-11-11T00:00:25Z"), Money.fen(39_800), Money.fen(5_000), Money.fen(34_800), LINES)),
            Map.entry(EventCatalog.ORDER_CANCELLED, new OrderCancelled(ORDER, CHECKOUT, "shopper-1", STORE, BRAND, null,
                    OrderCancelled.Reason.PAYMENT_DECLINED, "card declined", Instant.parse("2026-11-11T00:00:27Z"), false, LINES)),
            Map.entry(EventCatalog.ORDER_REFUNDED, new OrderRefunded(UUID.fromString("0193a2b4-0000-7000-8000-000000000008"),
                    ORDER, CHECKOUT, "shopper-1", STORE, BRAND, "live-7", Instant.parse("2026-11-11T00:00:27Z"),
                    Instant.parse("2026-11-12T09:30:00Z"), Money.fen(13_334), false,
                    List.of(new OrderRefunded.Line(1, SKU, PRODUCT, BRAND, 301, 1, Money.fen(13_334))))),
            Map.entry(EventCatalog.COUPON_ISSUED, new CouponIssued("C-7F3K-92QD", CAMPAIGN, "shopper-1",
                    CouponIssued.Scope.STORE, STORE, null, Money.fen(30_000), Money.fen(5_000), true,
                    Instant.parse("2026-11-10T16:00:00Z"), Instant.parse("2026-11-11T16:00:00Z"), Instant.parse("2026-11-01T09:30:00Z"))),
            Map.entry(EventCatalog.LOCK_COUPONS, new LockCoupons(CHECKOUT, "shopper-1", List.of("C-7F3K-92QD"),
                    List.of(new LockCoupons.OrderAmount(ORDER, STORE, Money.fen(39_800),
                            List.of(new LockCoupons.ProductAmount(PRODUCT, Money.fen(39_800))))))),
            Map.entry(EventCatalog.REDEEM_COUPONS, new RedeemCoupons(CHECKOUT)),
            Map.entry(EventCatalog.UNLOCK_COUPONS, new UnlockCoupons(CHECKOUT, "payment declined")),
            Map.entry(EventCatalog.COUPONS_LOCKED, new CouponsLocked(CHECKOUT, List.of("C-7F3K-92QD"),
                    List.of(new CouponsLocked.OrderDiscount("C-7F3K-92QD", ORDER, Money.fen(5_000))))),
            Map.entry(EventCatalog.COUPON_LOCK_REJECTED, new CouponLockRejected(CHECKOUT, "C-7F3K-92QD",
                    CouponLockRejected.Reason.ALREADY_USED)),
            Map.entry(EventCatalog.COUPONS_REDEEMED, new CouponsRedeemed(CHECKOUT, 1)),
            Map.entry(EventCatalog.COUPONS_UNLOCKED, new CouponsUnlocked(CHECKOUT, 1)),
            Map.entry(EventCatalog.FLASH_SALE_SCHEDULED, new FlashSaleScheduled(CAMPAIGN, "11 products for 11 hours",
                    List.of(SKU), List.of(301L), List.of(), List.of("Zhejiang"), null, 30,
                    Instant.parse("2026-11-10T16:00:00Z"), Instant.parse("2026-11-11T03:00:00Z"))),
            Map.entry(EventCatalog.GMV_MILESTONE_REACHED, new GmvMilestoneReached("threshold-100000000000",
                    GmvMilestoneReached.Kind.ROUND_THRESHOLD, "first 1 billion", Money.fen(100_000_000_000L),
                    Money.fen(100_000_034_800L), Instant.parse("2026-11-10T16:01:08Z"), 68)),
            Map.entry(EventCatalog.PARCEL_STATE_CHANGED, new ParcelStateChanged(CHECKOUT, ORDER, "shopper-1", "IN_TRANSIT",
                    "CROSS_BORDER", "NINGBO-BONDED", "SF", "Zhejiang", Instant.parse("2026-11-11T09:00:00Z"),
                    Instant.parse("2026-11-14T16:00:00Z"))),
            Map.entry(EventCatalog.FLASH_SALE_WITHDRAWN, new FlashSaleWithdrawn(CAMPAIGN, "sold out")),
            Map.entry(EventCatalog.REMINDER_TRIGGERED, new ReminderTriggered(CHECKOUT, "shopper-1", PRODUCT, CAMPAIGN,
                    "11 products for 11 hours", Instant.parse("2026-11-10T16:00:00Z"))));

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.all());
    }

    @Test
    void everySampleValidatesAgainstItsSchemaInsideAValidEnvelope() {
        Schema envelopeSchema = schema("/schemas/envelope.v1.schema.json");
        for (EventType<?> type : EventCatalog.all()) {
            EventEnvelope<?> envelope = new EventEnvelope<>(java.util.UUID.randomUUID(), type.name(), type.version(),
                    Instant.parse("2026-11-11T00:00:26Z"), "key-1",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", SAMPLES.get(type));
            JsonNode written = json.valueToTree(envelope);
            assertThat(envelopeSchema.validate(written)).as(type.key() + " envelope").isEmpty();
            assertThat(schema(type.schemaResource()).validate(written.get("payload"))).as(type.key()).isEmpty();
        }
    }

    @Test
    void theSchemasRejectWhatTheRecordsWouldNeverWrite() {
        ObjectNode payload = json.valueToTree(SAMPLES.get(EventCatalog.FESTIVAL_CLOCK_CHANGED));
        payload.remove("festivalAnchor");
        payload.put("speed", -1);
        assertThat(schema(EventCatalog.FESTIVAL_CLOCK_CHANGED.schemaResource()).validate(payload)).hasSize(2);

        ObjectNode envelope = json.createObjectNode();
        envelope.put("eventId", "x").put("type", "lowercase").put("schemaVersion", 0);
        assertThat(schema("/schemas/envelope.v1.schema.json").validate(envelope)).isNotEmpty();
    }

    @Test
    void topicNamesAreUniqueAndEveryEventTravelsOnARegisteredTopic() {
        Set<String> names = new HashSet<>();
        for (Topic topic : Topics.allWithDeadLetters()) {
            assertThat(names.add(topic.name())).as("duplicate topic " + topic.name()).isTrue();
            assertThat(topic.name()).matches("[a-z]+(\\.[a-z]+)+");
        }
        EventCatalog.all().forEach(type -> assertThat(Topics.all()).contains(type.topic()));
    }

    private static Schema schema(String resource) {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("schema file " + resource).isNotNull();
            return schemas.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
