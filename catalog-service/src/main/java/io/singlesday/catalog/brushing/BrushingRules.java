package io.singlesday.catalog.brushing;

import java.util.ArrayList;
import java.util.List;

/**
 * Which signals an order shows and what each weighs: the only place the detector's judgement is written, free of
 * storage so every decision is unit-tested. An order is suspected when its signals add up to {@code threshold}
 * points; no single weak signal can get there, and the strong ones (the store's own staff buying, or buyers sharing
 * devices and payment accounts) need a second to agree unless they are proof on their own.
 *
 * <p>Weights are in points out of 100. They follow what risk teams report about brushing rings: sock puppets share a
 * few phones, wallets and drop addresses, buy the cheapest item from new accounts, again and again, in a burst, and are often
 * refunded off the books at once; honest households share a device or an address now and then, which is why a
 * cluster needs {@code clusterShoppers} distinct buyers of the same store before it counts, and a web of buyers tied
 * by phones and wallets needs {@code ringBuyers} before it is a ring.
 */
public final class BrushingRules {

    public static final String STAFF_BUYER = "staff-buyer";
    public static final String LINKED_BUYERS = "linked-buyers";
    public static final String LINKED_BY_ADDRESS = "linked-by-address";
    public static final String SHARED_DEVICE = "shared-device";
    public static final String SHARED_PAYMENT = "shared-payment";
    public static final String SHARED_ADDRESS = "shared-address";
    public static final String QUICK_REFUND = "quick-refund";
    public static final String TINY_PRICE = "tiny-price";
    public static final String FIRST_ORDER = "first-order";
    public static final String REPEAT_BUYER = "repeat-buyer";
    /** From this order at one store on, buying again adds to other evidence; alone it is loyalty. */
    static final int REPEATS = 2;
    public static final String STORE_BURST = "store-burst";

    /** One signal an order showed: its name, its points and, in words, the evidence. */
    public record Signal(String name, int weight, String evidence) {
    }

    /**
     * What the detector knows about one order when it is confirmed. Counts of "shoppers" are distinct buyers of the
     * same store sharing the key, this order's buyer included (0 when the order did not name the key).
     * {@code linkedBuyers}: the buyers of the same store tied to this one through any chain of shared phones and
     * payment accounts, this one included (a household is two or three; a ring is more); {@code looselyLinkedBuyers}:
     * the same, delivery points tying buyers too.
     */
    public record Facts(boolean staffBuyer, int linkedBuyers, int looselyLinkedBuyers, int deviceShoppers, int paymentShoppers, int addressShoppers,
                        long cheapestUnitFen, long paidFen, boolean firstOrder, int ordersAtStore, long storeOrdersThisHour,
                        long storeOrdersPerHourBefore) {
    }

    private final Settings settings;

    public BrushingRules(Settings settings) {
        this.settings = settings;
    }

    /**
     * The knobs, each checked at start-up. {@code tinyUnitFen}: a unit cheaper than this is a token purchase;
     * {@code quickRefundMinutes}: a refund this soon after confirmation (festival minutes) is a tell;
     * {@code burstOrders}/{@code burstFactor}: an hour with at least this many of a store's orders and this many times
     * its hourly average of the day before.
     */
    public record Settings(int threshold, int clusterShoppers, int ringBuyers, long tinyUnitFen, long quickRefundMinutes, long burstOrders,
                           long burstFactor) {

        public Settings {
            positive("threshold", threshold);
            if (threshold > 100) {
                throw new IllegalStateException("catalog.brushing.threshold is in points out of 100, not " + threshold);
            }
            if (clusterShoppers < 2) {
                throw new IllegalStateException("catalog.brushing.cluster-shoppers must be at least 2 (a cluster is "
                        + "several buyers), not " + clusterShoppers);
            }
            if (ringBuyers <= clusterShoppers) {
                throw new IllegalStateException("catalog.brushing.ring-buyers must be more than cluster-shoppers ("
                        + clusterShoppers + "), not " + ringBuyers);
            }
            positive("tiny-unit-fen", tinyUnitFen);
            positive("quick-refund-minutes", quickRefundMinutes);
            positive("burst-orders", burstOrders);
            positive("burst-factor", burstFactor);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalStateException("catalog.brushing." + name + " must be positive, not " + value);
            }
        }
    }

    public int threshold() {
        return settings.threshold();
    }

    public int clusterShoppers() {
        return settings.clusterShoppers();
    }

    /** The signals of an order at its confirmation, strongest first. */
    public List<Signal> atConfirmation(Facts facts) {
        List<Signal> signals = new ArrayList<>();
        if (facts.staffBuyer()) {
            signals.add(staffBuyer());
        }
        if (facts.linkedBuyers() >= settings.ringBuyers()) {
            signals.add(linkedBuyers(facts.linkedBuyers()));
        } else if (facts.looselyLinkedBuyers() >= looseRingBuyers()) {
            signals.add(linkedByAddress(facts.looselyLinkedBuyers()));
        }
        if (facts.deviceShoppers() >= settings.clusterShoppers()) {
            signals.add(sharedDevice(facts.deviceShoppers()));
        }
        if (facts.paymentShoppers() >= settings.clusterShoppers()) {
            signals.add(sharedPayment(facts.paymentShoppers()));
        }
        // An address is shared more innocently (offices, dormitories, parcel lockers), so it takes one buyer more; a web
        // that addresses helped tie already counts it.
        boolean looseWeb = signals.stream().anyMatch(signal -> signal.name().equals(LINKED_BY_ADDRESS));
        if (facts.addressShoppers() > settings.clusterShoppers() && !looseWeb) {
            signals.add(sharedAddress(facts.addressShoppers()));
        }
        if (facts.cheapestUnitFen() < settings.tinyUnitFen()) {
            signals.add(new Signal(TINY_PRICE, 10, "a unit at %s against a token-purchase line of %s"
                    .formatted(cny(facts.cheapestUnitFen()), cny(settings.tinyUnitFen()))));
        }
        if (facts.firstOrder()) {
            signals.add(new Signal(FIRST_ORDER, 10, "the buyer's first order on the platform"));
        }
        if (facts.ordersAtStore() >= REPEATS) {
            signals.add(new Signal(REPEAT_BUYER, 20, "the buyer's order number %d at this store".formatted(facts.ordersAtStore())));
        }
        if (facts.storeOrdersThisHour() >= settings.burstOrders()
                && facts.storeOrdersThisHour() >= settings.burstFactor() * Math.max(1, facts.storeOrdersPerHourBefore())) {
            signals.add(new Signal(STORE_BURST, 10, "%d orders at this store this festival hour against %d an hour the day before"
                    .formatted(facts.storeOrdersThisHour(), facts.storeOrdersPerHourBefore())));
        }
        return List.copyOf(signals);
    }

    public Signal staffBuyer() {
        return new Signal(STAFF_BUYER, 60, "the buyer acts for the store's own brand");
    }

    /**
     * Buyers of one store tied together by phones and wallets they share, directly or through one another: the shape
     * of a ring however its members vary which phone and wallet each uses, so on its own it is suspected. Delivery
     * addresses do not tie buyers here: an office or a campus locker would.
     */
    public Signal linkedBuyers(int buyers) {
        return new Signal(LINKED_BUYERS, 55, "one of %d buyers of this store tied together by shared phones and payment accounts"
                .formatted(buyers));
    }

    public int ringBuyers() {
        return settings.ringBuyers();
    }

    /** A web that delivery points help tie needs two buyers more (an office can tie a few), and another signal. */
    public int looseRingBuyers() {
        return settings.ringBuyers() + 2;
    }

    /**
     * Buyers of one store tied together by phones, wallets and delivery points: an office tied by its address alone
     * can look like this, so it weighs as much as one shared phone and needs another signal to agree.
     */
    public Signal linkedByAddress(int buyers) {
        return new Signal(LINKED_BY_ADDRESS, 35, ("one of %d buyers of this store tied together by shared phones, payment "
                + "accounts and delivery points").formatted(buyers));
    }

    public Signal sharedDevice(int shoppers) {
        return new Signal(SHARED_DEVICE, 35, "a device shared by %d buyers of this store".formatted(shoppers));
    }

    public Signal sharedPayment(int shoppers) {
        return new Signal(SHARED_PAYMENT, 35, "a payment account shared by %d buyers of this store".formatted(shoppers));
    }

    public Signal sharedAddress(int shoppers) {
        return new Signal(SHARED_ADDRESS, 20, "a delivery point shared by %d buyers of this store".formatted(shoppers));
    }

    /** A refund after {@code minutes} festival minutes is a signal when it came quickly; empty otherwise. */
    public java.util.Optional<Signal> refunded(long minutes) {
        return minutes <= settings.quickRefundMinutes()
                ? java.util.Optional.of(new Signal(QUICK_REFUND, 30, "refunded %d festival minutes after confirmation".formatted(minutes)))
                : java.util.Optional.empty();
    }

    /**
     * The signals an order shows once {@code added} joins them, each piece of evidence counted once: a tight web
     * makes the loose one (and a loose web the shared address) part of the same story. Empty when nothing changes.
     */
    public java.util.Optional<List<Signal>> with(List<Signal> signals, Signal added) {
        java.util.Set<String> names = new java.util.HashSet<>();
        signals.forEach(signal -> names.add(signal.name()));
        if (names.contains(added.name())
                || added.name().equals(LINKED_BY_ADDRESS) && names.contains(LINKED_BUYERS)
                || added.name().equals(SHARED_ADDRESS) && names.contains(LINKED_BY_ADDRESS)) {
            return java.util.Optional.empty();
        }
        List<Signal> combined = new ArrayList<>(signals.stream().filter(signal -> !(added.name().equals(LINKED_BUYERS)
                && signal.name().equals(LINKED_BY_ADDRESS)) && !(added.name().equals(LINKED_BY_ADDRESS)
                && signal.name().equals(SHARED_ADDRESS))).toList());
        combined.add(added);
        return java.util.Optional.of(List.copyOf(combined));
    }

    public static int score(List<Signal> signals) {
        return signals.stream().mapToInt(Signal::weight).sum();
    }

    /** Signals that tie an order to other buyers of the store or to the store itself. */
    private static final java.util.Set<String> TIES = java.util.Set.of(STAFF_BUYER, LINKED_BUYERS, LINKED_BY_ADDRESS,
            SHARED_DEVICE, SHARED_PAYMENT);

    /**
     * Enough points, and at least one of them from a tie to other buyers or to the store: how a buyer behaves alone
     * (a cheap item, a second order, a refund, a busy hour) never makes a ring, however it adds up.
     */
    public boolean suspected(List<Signal> signals) {
        return score(signals) >= settings.threshold() && signals.stream().anyMatch(signal -> TIES.contains(signal.name()));
    }

    private static String cny(long fen) {
        return "%d.%02d CNY".formatted(fen / 100, fen % 100);
    }
}
