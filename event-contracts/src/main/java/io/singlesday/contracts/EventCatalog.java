package io.singlesday.contracts;

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
import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.orders.OrderPlaced;
import io.singlesday.contracts.orders.OrderRefunded;
import io.singlesday.contracts.orders.PlaceLivestreamCheckout;
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
import io.singlesday.contracts.stock.ReleaseUnsoldStock;
import io.singlesday.contracts.stock.ReserveStock;
import io.singlesday.contracts.stock.ReserveStockFromHold;
import io.singlesday.contracts.stock.StockCommitted;
import io.singlesday.contracts.stock.StockReleased;
import io.singlesday.contracts.stock.StockReservationRejected;
import io.singlesday.contracts.stock.StockReserved;
import io.singlesday.contracts.topics.Topics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the platform, so a reader can turn (type, version) back into a record class. */
public final class EventCatalog {

    public static final EventType<FestivalClockChanged> FESTIVAL_CLOCK_CHANGED =
            new EventType<>("FestivalClockChanged", 1, FestivalClockChanged.class, Topics.FESTIVAL_CLOCK);

    public static final EventType<ProductSnapshot> PRODUCT_LISTED =
            new EventType<>("ProductListed", 1, ProductSnapshot.class, Topics.CATALOG_PRODUCTS);
    public static final EventType<ProductSnapshot> PRODUCT_CHANGED =
            new EventType<>("ProductChanged", 1, ProductSnapshot.class, Topics.CATALOG_PRODUCTS);
    public static final EventType<ProductUnlisted> PRODUCT_UNLISTED =
            new EventType<>("ProductUnlisted", 1, ProductUnlisted.class, Topics.CATALOG_PRODUCTS);
    public static final EventType<SkuPriceChanged> SKU_PRICE_CHANGED =
            new EventType<>("SkuPriceChanged", 1, SkuPriceChanged.class, Topics.CATALOG_PRODUCTS);
    public static final EventType<StockLevelChanged> STOCK_LEVEL_CHANGED =
            new EventType<>("StockLevelChanged", 1, StockLevelChanged.class, Topics.CATALOG_PRODUCTS);
    public static final EventType<StoreOpened> STORE_OPENED =
            new EventType<>("StoreOpened", 1, StoreOpened.class, Topics.CATALOG_STORES);
    public static final EventType<StoreClosed> STORE_CLOSED =
            new EventType<>("StoreClosed", 1, StoreClosed.class, Topics.CATALOG_STORES);

    public static final EventType<ReserveStock> RESERVE_STOCK =
            new EventType<>("ReserveStock", 1, ReserveStock.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<ReserveStockFromHold> RESERVE_STOCK_FROM_HOLD =
            new EventType<>("ReserveStockFromHold", 1, ReserveStockFromHold.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<ReleaseUnsoldStock> RELEASE_UNSOLD_STOCK =
            new EventType<>("ReleaseUnsoldStock", 1, ReleaseUnsoldStock.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<PlaceLivestreamCheckout> PLACE_LIVESTREAM_CHECKOUT =
            new EventType<>("PlaceLivestreamCheckout", 1, PlaceLivestreamCheckout.class, Topics.ORDERS_COMMANDS);
    public static final EventType<CommitStock> COMMIT_STOCK =
            new EventType<>("CommitStock", 1, CommitStock.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<ReleaseStock> RELEASE_STOCK =
            new EventType<>("ReleaseStock", 1, ReleaseStock.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<HoldDropStock> HOLD_DROP_STOCK =
            new EventType<>("HoldDropStock", 1, HoldDropStock.class, Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<DropStockHeld> DROP_STOCK_HELD =
            new EventType<>("DropStockHeld", 1, DropStockHeld.class, Topics.CATALOG_DROP_STOCK_REPLIES);
    public static final EventType<DropStockRefused> DROP_STOCK_REFUSED =
            new EventType<>("DropStockRefused", 1, DropStockRefused.class, Topics.CATALOG_DROP_STOCK_REPLIES);
    public static final EventType<DropStockReleased> DROP_STOCK_RELEASED =
            new EventType<>("DropStockReleased", 1, DropStockReleased.class, Topics.CATALOG_DROP_STOCK_REPLIES);
    public static final EventType<StockReserved> STOCK_RESERVED =
            new EventType<>("StockReserved", 1, StockReserved.class, Topics.CATALOG_STOCK_REPLIES);
    public static final EventType<StockReservationRejected> STOCK_RESERVATION_REJECTED =
            new EventType<>("StockReservationRejected", 1, StockReservationRejected.class, Topics.CATALOG_STOCK_REPLIES);
    // StockCommitted, StockReleased, CouponsRedeemed and CouponsUnlocked are no longer sent: the saga acted on none of
    // them (its commands are durable in Kafka and idempotent), and each cost a record, a relay pass and a fetch per
    // checkout. They stay registered so that records already in the topics still decode and are passed over.
    public static final EventType<StockCommitted> STOCK_COMMITTED =
            new EventType<>("StockCommitted", 1, StockCommitted.class, Topics.CATALOG_STOCK_REPLIES);
    public static final EventType<StockReleased> STOCK_RELEASED =
            new EventType<>("StockReleased", 1, StockReleased.class, Topics.CATALOG_STOCK_REPLIES);

    public static final EventType<IncubationTargetReached> INCUBATION_TARGET_REACHED =
            new EventType<>("IncubationTargetReached", 1, IncubationTargetReached.class, Topics.CATALOG_BRANDS);
    public static final EventType<LivestreamSlotAwarded> LIVESTREAM_SLOT_AWARDED =
            new EventType<>("LivestreamSlotAwarded", 1, LivestreamSlotAwarded.class, Topics.CATALOG_BRANDS);

    public static final EventType<OrderConfirmed> ORDER_CONFIRMED =
            new EventType<>("OrderConfirmed", 1, OrderConfirmed.class, Topics.ORDERS_EVENTS);

    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("OrderPlaced", 1, OrderPlaced.class, Topics.ORDERS_EVENTS);
    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("OrderCancelled", 1, OrderCancelled.class, Topics.ORDERS_EVENTS);
    public static final EventType<OrderRefunded> ORDER_REFUNDED =
            new EventType<>("OrderRefunded", 1, OrderRefunded.class, Topics.ORDERS_EVENTS);

    public static final EventType<CouponIssued> COUPON_ISSUED =
            new EventType<>("CouponIssued", 1, CouponIssued.class, Topics.COUPONS_WALLET);
    public static final EventType<LockCoupons> LOCK_COUPONS =
            new EventType<>("LockCoupons", 1, LockCoupons.class, Topics.COUPONS_COMMANDS);
    public static final EventType<RedeemCoupons> REDEEM_COUPONS =
            new EventType<>("RedeemCoupons", 1, RedeemCoupons.class, Topics.COUPONS_COMMANDS);
    public static final EventType<UnlockCoupons> UNLOCK_COUPONS =
            new EventType<>("UnlockCoupons", 1, UnlockCoupons.class, Topics.COUPONS_COMMANDS);
    public static final EventType<CouponsLocked> COUPONS_LOCKED =
            new EventType<>("CouponsLocked", 1, CouponsLocked.class, Topics.COUPONS_REPLIES);
    public static final EventType<CouponLockRejected> COUPON_LOCK_REJECTED =
            new EventType<>("CouponLockRejected", 1, CouponLockRejected.class, Topics.COUPONS_REPLIES);
    public static final EventType<CouponsRedeemed> COUPONS_REDEEMED =
            new EventType<>("CouponsRedeemed", 1, CouponsRedeemed.class, Topics.COUPONS_REPLIES);
    public static final EventType<CouponsUnlocked> COUPONS_UNLOCKED =
            new EventType<>("CouponsUnlocked", 1, CouponsUnlocked.class, Topics.COUPONS_REPLIES);

    public static final EventType<ReminderTriggered> REMINDER_TRIGGERED =
            new EventType<>("ReminderTriggered", 1, ReminderTriggered.class, Topics.ORDERS_NOTIFICATIONS);
    public static final EventType<FlashSaleScheduled> FLASH_SALE_SCHEDULED =
            new EventType<>("FlashSaleScheduled", 1, FlashSaleScheduled.class, Topics.COUPONS_PROMOTIONS);
    public static final EventType<FlashSaleWithdrawn> FLASH_SALE_WITHDRAWN =
            new EventType<>("FlashSaleWithdrawn", 1, FlashSaleWithdrawn.class, Topics.COUPONS_PROMOTIONS);

    public static final EventType<GmvMilestoneReached> GMV_MILESTONE_REACHED =
            new EventType<>("GmvMilestoneReached", 1, GmvMilestoneReached.class, Topics.GMV_MILESTONES);

    public static final EventType<ParcelStateChanged> PARCEL_STATE_CHANGED =
            new EventType<>("ParcelStateChanged", 1, ParcelStateChanged.class, Topics.LOGISTICS_PARCELS);

    private static final List<EventType<?>> ALL = List.of(FESTIVAL_CLOCK_CHANGED, REMINDER_TRIGGERED, GMV_MILESTONE_REACHED,
            PARCEL_STATE_CHANGED,
            FLASH_SALE_SCHEDULED, FLASH_SALE_WITHDRAWN,
            INCUBATION_TARGET_REACHED, LIVESTREAM_SLOT_AWARDED, ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_REFUNDED,
            COUPON_ISSUED, LOCK_COUPONS, REDEEM_COUPONS, UNLOCK_COUPONS,
            COUPONS_LOCKED, COUPON_LOCK_REJECTED, COUPONS_REDEEMED, COUPONS_UNLOCKED,
            PRODUCT_LISTED, PRODUCT_CHANGED, PRODUCT_UNLISTED, SKU_PRICE_CHANGED, STOCK_LEVEL_CHANGED,
            STORE_OPENED, STORE_CLOSED,
            RESERVE_STOCK, RESERVE_STOCK_FROM_HOLD, RELEASE_UNSOLD_STOCK, COMMIT_STOCK, RELEASE_STOCK,
            PLACE_LIVESTREAM_CHECKOUT,
            STOCK_RESERVED, STOCK_RESERVATION_REJECTED, STOCK_COMMITTED, STOCK_RELEASED,
            HOLD_DROP_STOCK, DROP_STOCK_HELD, DROP_STOCK_REFUSED, DROP_STOCK_RELEASED);

    private static final Map<String, EventType<?>> BY_KEY =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::key, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> find(String name, int version) {
        return Optional.ofNullable(BY_KEY.get(name + "@v" + version));
    }
}
