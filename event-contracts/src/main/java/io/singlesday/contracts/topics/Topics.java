package io.singlesday.contracts.topics;

import java.util.List;
import java.util.stream.Stream;

/**
 * The single registry of topics. Brokers run with auto-create off, so a topic missing here does not exist.
 * Twelve partitions is the default: enough consumers to scale a hot service out on a festival-scale cluster.
 */
public final class Topics {

    public static final int DEFAULT_PARTITIONS = 12;

    /**
     * The names alone, as compile-time constants, for what needs a constant: {@code @KafkaListener(topics =
     * Topics.Names.ORDERS_EVENTS)}. Each topic below is defined from its name here, so the two cannot drift apart.
     */
    public static final class Names {

        public static final String FESTIVAL_CLOCK = "festival.clock";
        public static final String CATALOG_PRODUCTS = "catalog.products";
        public static final String CATALOG_STORES = "catalog.stores";
        public static final String CATALOG_STOCK_COMMANDS = "catalog.stock.commands";
        public static final String CATALOG_STOCK_REPLIES = "catalog.stock.replies";
        public static final String CATALOG_DROP_STOCK_REPLIES = "catalog.stock.drop.replies";
        public static final String CATALOG_BRANDS = "catalog.brands";
        public static final String ORDERS_EVENTS = "orders.events";
        public static final String ORDERS_COMMANDS = "orders.commands";
        public static final String COUPONS_WALLET = "coupons.wallet";
        public static final String COUPONS_COMMANDS = "coupons.commands";
        public static final String COUPONS_REPLIES = "coupons.replies";
        public static final String COUPONS_PROMOTIONS = "coupons.promotions";
        public static final String ORDERS_NOTIFICATIONS = "orders.notifications";
        public static final String GMV_BATCHES = "gmv.batches";
        public static final String GMV_FIGURES = "gmv.figures";
        public static final String GMV_MILESTONES = "gmv.milestones";
        public static final String LOGISTICS_PARCELS = "logistics.parcels";

        private Names() {
        }
    }

    /** One partition and one key: the clock setting is a single value every instance reads from the start. */
    public static final Topic FESTIVAL_CLOCK = new Topic(Names.FESTIVAL_CLOCK, 1, "\"clock\"", true,
            "the festival clock setting, read by every instance of every service");

    public static final Topic CATALOG_PRODUCTS = new Topic(Names.CATALOG_PRODUCTS, DEFAULT_PARTITIONS, "productId", false,
            "products listed, changed or unlisted; SKU prices and stock levels");

    public static final Topic CATALOG_STORES = new Topic(Names.CATALOG_STORES, DEFAULT_PARTITIONS, "brandId", false,
            "stores opened and closed");

    /** Keyed by order, so one order's reserve, commit and release arrive in the order they were sent. */
    public static final Topic CATALOG_STOCK_COMMANDS = new Topic(Names.CATALOG_STOCK_COMMANDS, DEFAULT_PARTITIONS, "orderId (dropId for a drop)",
            false, "reserve (also from a drop's hold), commit and release stock for orders; hold and release stock for livestream drops");

    public static final Topic CATALOG_STOCK_REPLIES = new Topic(Names.CATALOG_STOCK_REPLIES, DEFAULT_PARTITIONS, "orderId",
            false, "the catalog's answers to the order saga's stock commands");

    /** A reply says whom it is for: a drop's answers travel apart, so neither reader fetches the other's. */
    public static final Topic CATALOG_DROP_STOCK_REPLIES = new Topic(Names.CATALOG_DROP_STOCK_REPLIES, DEFAULT_PARTITIONS,
            "dropId", false, "the catalog's answers to livestream drops' stock holds and releases");

    public static final Topic CATALOG_BRANDS = new Topic(Names.CATALOG_BRANDS, DEFAULT_PARTITIONS, "brandId", false,
            "incubation targets reached and livestream slots awarded");

    public static final Topic ORDERS_EVENTS = new Topic(Names.ORDERS_EVENTS, DEFAULT_PARTITIONS, "orderId", false,
            "orders placed, confirmed and cancelled");

    /** Keyed by checkout, chosen by the sender: a repeated command lands on the same checkout. */
    public static final Topic ORDERS_COMMANDS = new Topic(Names.ORDERS_COMMANDS, DEFAULT_PARTITIONS, "checkoutId", false,
            "checkouts other services place for shoppers: livestream drops and group buys at the stream's price");

    /** Keyed by shopper: one shopper's coupons arrive in the order they were issued. */
    public static final Topic COUPONS_WALLET = new Topic(Names.COUPONS_WALLET, DEFAULT_PARTITIONS, "shopperId", false,
            "coupons issued into shoppers' wallets");

    /** Keyed by checkout: coupons are held per checkout, since a platform voucher spans its stores. */
    public static final Topic COUPONS_COMMANDS = new Topic(Names.COUPONS_COMMANDS, DEFAULT_PARTITIONS, "checkoutId", false,
            "lock, redeem and unlock coupons for a checkout (saga commands to the coupon service)");

    public static final Topic COUPONS_REPLIES = new Topic(Names.COUPONS_REPLIES, DEFAULT_PARTITIONS, "checkoutId", false,
            "the coupon service's answers to coupon commands");

    public static final Topic COUPONS_PROMOTIONS = new Topic(Names.COUPONS_PROMOTIONS, DEFAULT_PARTITIONS, "promotionId", false,
            "flash sales and other time-bound prices of the day, scheduled and withdrawn");

    /** Keyed by shopper: one shopper's notifications arrive in order. */
    public static final Topic ORDERS_NOTIFICATIONS = new Topic(Names.ORDERS_NOTIFICATIONS, DEFAULT_PARTITIONS, "shopperId", false,
            "reminders that fired: a product a shopper marked has gone on sale");

    /**
     * The counter's first stage pre-aggregates each orders.events partition and hands its sums to the second
     * stage here; one partition, so a single task owns the running totals and sees every milestone once.
     */
    public static final Topic GMV_BATCHES = new Topic(Names.GMV_BATCHES, 1, "\"orders.events partition\"", false,
            "figure deltas summed per orders.events partition, from the GMV counter's first stage to its second");

    /** Compacted: the latest value of every figure, which each counter instance reads whole to answer queries. */
    public static final Topic GMV_FIGURES = new Topic(Names.GMV_FIGURES, 1, "figure (dimension|value)", true,
            "the GMV counter's running figures, read by every counter instance");

    public static final Topic GMV_MILESTONES = new Topic(Names.GMV_MILESTONES, 1, "milestoneId", true,
            "round GMV thresholds passed and the previous year's record broken");

    /** Keyed by order, so one order's parcels' steps arrive in the order they happened. */
    public static final Topic LOGISTICS_PARCELS = new Topic(Names.LOGISTICS_PARCELS, DEFAULT_PARTITIONS, "orderId", false,
            "every step of every parcel, from creation to delivery");

    private static final List<Topic> ALL = List.of(FESTIVAL_CLOCK, CATALOG_PRODUCTS, CATALOG_STORES,
            CATALOG_STOCK_COMMANDS, CATALOG_STOCK_REPLIES, CATALOG_DROP_STOCK_REPLIES, CATALOG_BRANDS, ORDERS_EVENTS, ORDERS_COMMANDS, ORDERS_NOTIFICATIONS,
            COUPONS_WALLET, COUPONS_COMMANDS, COUPONS_REPLIES, COUPONS_PROMOTIONS,
            GMV_BATCHES, GMV_FIGURES, GMV_MILESTONES, LOGISTICS_PARCELS);

    private Topics() {
    }

    /** The platform's topics without their dead-letter topics. */
    public static List<Topic> all() {
        return ALL;
    }

    /** Everything a broker must have: each topic and its dead-letter topic. */
    public static List<Topic> allWithDeadLetters() {
        return ALL.stream().flatMap(t -> Stream.of(t, t.deadLetter())).toList();
    }
}
