package io.singlesday.catalog.stock;

import io.singlesday.catalog.CatalogIntegrationTest;
import io.singlesday.contracts.stock.StockLine;
import io.singlesday.contracts.stock.StockReservationRejected.Reason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The number that must never be oversold, under as much concurrency as this machine can produce. */
class StockReservationConcurrencyTest extends CatalogIntegrationTest {

    @Autowired
    StockLedger ledger;

    @Autowired
    JdbcClient sql;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void pollsSharingATransactionNeitherDeadlockNorOversell() throws Exception {
        OpenBrand brand = openBrand("DE");
        List<UUID> skus = List.of(product(brand, "Stollen", 2_900, 30, 703)[1], product(brand, "Lebkuchen", 990, 30, 703)[1],
                product(brand, "Marzipan", 1_490, 30, 703)[1]);
        int threads = 8;
        int pollsEach = 25;
        Map<UUID, List<StockLine>> asked = new ConcurrentHashMap<>();
        Map<UUID, StockLedger.Outcome> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int p = 0; p < pollsEach; p++) {
                    // A poll of four holds, each of one or two SKUs in either order, as a consumer would take them.
                    Map<UUID, List<StockLine>> poll = new java.util.LinkedHashMap<>();
                    for (int c = 0; c < 4; c++) {
                        List<UUID> mine = new ArrayList<>(skus);
                        java.util.Collections.shuffle(mine, random);
                        poll.put(UUID.randomUUID(), mine.subList(0, 1 + random.nextInt(2)).stream()
                                .map(sku -> new StockLine(sku, 1 + random.nextInt(2))).toList());
                    }
                    transactions.executeWithoutResult(status -> {
                        ledger.lockInOrder(poll.values().stream().flatMap(List::stream).map(StockLine::skuId).toList(),
                                List.of(), List.of());
                        poll.forEach((order, lines) -> answers.put(order, ledger.reserve(order, lines)));
                    });
                    asked.putAll(poll);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(answers).hasSize(threads * pollsEach * 4);
        for (UUID sku : skus) {
            int held = answers.entrySet().stream().filter(e -> e.getValue() instanceof StockLedger.Held)
                    .flatMap(e -> asked.get(e.getKey()).stream()).filter(l -> l.skuId().equals(sku))
                    .mapToInt(StockLine::quantity).sum();
            int reserved = sql.sql("select reserved from skus where id = ?").param(sku).query(Integer.class).single();
            assertThat(reserved).as("refused holds gave back what they took").isEqualTo(held).isLessThanOrEqualTo(30);
        }
        assertThat(answers.values()).as("the stock ran out").anyMatch(a -> a instanceof StockLedger.Rejected);
    }

    @Test
    void manyConcurrentCheckoutsNeverOversellAndEveryOneGetsAnAnswer() throws Exception {
        OpenBrand brand = openBrand("DE");
        UUID hot = product(brand, "Midnight cake", 9_900, 50, 703)[1];
        UUID other = product(brand, "Candles", 1_900, 1_000, 1004)[1];
        int orders = 400;
        List<UUID> orderIds = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            orderIds.add(UUID.randomUUID());
        }
        Map<UUID, StockLedger.Outcome> answers = new ConcurrentHashMap<>();
        Map<UUID, Integer> wanted = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (UUID orderId : orderIds) {
            done.add(pool.submit(() -> {
                int quantity = ThreadLocalRandom.current().nextInt(1, 4);
                wanted.put(orderId, quantity);
                start.await();
                // Every order also asks for another SKU, listed in either order: all-or-none and no deadlock.
                List<StockLine> lines = ThreadLocalRandom.current().nextBoolean()
                        ? List.of(new StockLine(hot, quantity), new StockLine(other, 1))
                        : List.of(new StockLine(other, 1), new StockLine(hot, quantity));
                answers.put(orderId, ledger.reserve(orderId, lines));
                // A duplicated command for the same order must not hold anything twice.
                StockLedger.Outcome again = ledger.reserve(orderId, lines);
                assertThat(again.getClass()).isEqualTo(answers.get(orderId).getClass());
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(answers).hasSize(orders);
        int heldUnits = answers.entrySet().stream().filter(e -> e.getValue() instanceof StockLedger.Held)
                .mapToInt(e -> wanted.get(e.getKey())).sum();
        long heldOrders = answers.values().stream().filter(a -> a instanceof StockLedger.Held).count();
        assertThat(heldUnits).isLessThanOrEqualTo(50);
        // Rejected only for lack of stock, and only once no order's quantity fits any more.
        assertThat(answers.values()).filteredOn(a -> a instanceof StockLedger.Rejected)
                .allSatisfy(a -> assertThat(((StockLedger.Rejected) a).reason()).isEqualTo(Reason.INSUFFICIENT_STOCK));
        assertThat(50 - heldUnits).isLessThan(3);

        Map<String, Object> row = sql.sql("select stock, reserved from skus where id = ?").param(hot).query().singleRow();
        assertThat(row.get("reserved")).isEqualTo(heldUnits);
        assertThat(sql.sql("select coalesce(sum(quantity), 0) from stock_reservations where sku_id = ? and state = 'HELD'")
                .param(hot).query(Integer.class).single()).isEqualTo(heldUnits);
        assertThat(sql.sql("select reserved from skus where id = ?").param(other).query(Integer.class).single())
                .as("the other SKU is held exactly once per held order").isEqualTo((int) heldOrders);
        assertThat(sql.sql("select count(*) from stock_outcomes where order_id = any(?)")
                .param(orderIds.toArray(UUID[]::new)).query(Integer.class).single()).isEqualTo(orders);
    }

    @Test
    void commitSellsAndReleaseGivesBackExactlyOnce() {
        try {
            OpenBrand brand = openBrand("FR");
            UUID sku = product(brand, "Perfume 50 ml", 59_900, 10, 303)[1];
            UUID sold = UUID.randomUUID();
            UUID cancelled = UUID.randomUUID();
            assertThat(ledger.reserve(sold, List.of(new StockLine(sku, 3)))).isInstanceOf(StockLedger.Held.class);
            assertThat(ledger.reserve(cancelled, List.of(new StockLine(sku, 4)))).isInstanceOf(StockLedger.Held.class);

            assertThat(ledger.commit(sold)).isEqualTo(1);
            assertThat(ledger.commit(sold)).as("a repeated commit sells nothing more").isZero();
            assertThat(ledger.release(cancelled)).isEqualTo(1);
            assertThat(ledger.release(cancelled)).isZero();
            assertThat(ledger.release(sold)).as("a sold order has nothing to give back").isZero();

            Map<String, Object> row = sql.sql("select stock, reserved from skus where id = ?").param(sku).query().singleRow();
            assertThat(row).containsEntry("stock", 7).containsEntry("reserved", 0);

            UUID overtaken = UUID.randomUUID();
            ledger.release(overtaken);
            StockLedger.Outcome late = ledger.reserve(overtaken, List.of(new StockLine(sku, 1)));
            assertThat(late).isEqualTo(new StockLedger.Rejected(Reason.ORDER_RELEASED, null));
            assertThat(sql.sql("select reserved from skus where id = ?").param(sku).query(Integer.class).single()).isZero();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ordersTakingFromADropsHoldGetExactlyItsUnitsAndTheShopsFreeStockIsUntouched() throws Exception {
        OpenBrand brand = openBrand("CN");
        UUID sku = product(brand, "Mooncake box", 6_600, 500, 703)[1];
        UUID drop = UUID.randomUUID();
        assertThat(ledger.reserve(drop, List.of(new StockLine(sku, 100)))).isInstanceOf(StockLedger.Held.class);

        Map<UUID, StockLedger.Outcome> answers = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            UUID order = UUID.randomUUID();
            done.add(pool.submit(() -> {
                start.await();
                answers.put(order, ledger.reserve(order, List.of(new StockLine(sku, 1)), drop));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(answers.values()).filteredOn(a -> a instanceof StockLedger.Held).hasSize(100);
        assertThat(answers.values()).filteredOn(a -> a instanceof StockLedger.Rejected)
                .allSatisfy(a -> assertThat(((StockLedger.Rejected) a).reason()).isEqualTo(Reason.HOLD_EXHAUSTED));
        Map<String, Object> row = sql.sql("select stock, reserved from skus where id = ?").param(sku).query().singleRow();
        assertThat(row).as("units moved between holds; nothing more left the shop").containsEntry("reserved", 100);
        assertThat(sql.sql("select quantity from stock_reservations where order_id = ?").param(drop).query(Integer.class).single()).isZero();
    }

    @Test
    void aDropGivesBackWhatItDidNotSellButKeepsWhatSalesOnTheirWayStillNeed() throws Exception {
        OpenBrand brand = openBrand("CN");
        UUID sku = product(brand, "Tea gift set", 12_800, 50, 703)[1];
        UUID drop = UUID.randomUUID();
        ledger.reserve(drop, List.of(new StockLine(sku, 10)));
        List<UUID> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID order = UUID.randomUUID();
            assertThat(ledger.reserve(order, List.of(new StockLine(sku, 1)), drop)).isInstanceOf(StockLedger.Held.class);
            taken.add(order);
        }
        ledger.commit(taken.get(0));
        ledger.release(taken.get(1));

        // Six sold in the stream: four have taken their units, two are still on their way.
        assertThat(ledger.releaseUnsold(drop, 6)).isEqualTo(4);
        assertThat(ledger.releaseUnsold(drop, 6)).as("a repeated command gives back nothing more").isZero();
        assertThat(ledger.reserve(UUID.randomUUID(), List.of(new StockLine(sku, 1)), drop)).isInstanceOf(StockLedger.Held.class);
        assertThat(ledger.reserve(UUID.randomUUID(), List.of(new StockLine(sku, 1)), drop)).isInstanceOf(StockLedger.Held.class);
        assertThat(ledger.reserve(UUID.randomUUID(), List.of(new StockLine(sku, 1)), drop))
                .isEqualTo(new StockLedger.Rejected(Reason.HOLD_EXHAUSTED, sku));

        // 50 - 1 sold; held: 2 taken and open (orders 3, 4) + the 2 late ones; the released and unsold went back.
        Map<String, Object> row = sql.sql("select stock, reserved from skus where id = ?").param(sku).query().singleRow();
        assertThat(row).containsEntry("stock", 49).containsEntry("reserved", 4);
        assertThat(sql.sql("select coalesce(sum(quantity), 0) from stock_reservations where sku_id = ? and state = 'HELD'")
                .param(sku).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aDropOrderCancelledBeforeItTookItsUnitGivesThatUnitBackToTheShop() throws Exception {
        OpenBrand brand = openBrand("CN");
        UUID sku = product(brand, "Silk scarf", 29_900, 20, 703)[1];
        UUID drop = UUID.randomUUID();
        ledger.reserve(drop, List.of(new StockLine(sku, 5)));
        UUID cancelled = UUID.randomUUID();
        ledger.release(cancelled); // the saga gave up before the catalog saw the order

        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(ledger.reserve(cancelled, List.of(new StockLine(sku, 1)), drop))
                    .isEqualTo(new StockLedger.Rejected(Reason.ORDER_RELEASED, null));
        }
        assertThat(sql.sql("select quantity || '/' || taken from stock_reservations where order_id = ?").param(drop)
                .query(String.class).single()).as("one unit out of the hold, once").isEqualTo("4/1");
        assertThat(sql.sql("select reserved from skus where id = ?").param(sku).query(Integer.class).single()).isEqualTo(4);

        // The drop sold that one unit (as far as the stream knows); nothing else is owed, so the rest goes back.
        assertThat(ledger.releaseUnsold(drop, 1)).isEqualTo(4);
        assertThat(sql.sql("select reserved from skus where id = ?").param(sku).query(Integer.class).single()).isZero();
    }

    @Test
    void unknownSkusAndBadQuantitiesAreRejectionsNotCrashes() {
        UUID order = UUID.randomUUID();
        UUID nowhere = UUID.randomUUID();
        assertThat(ledger.reserve(order, List.of(new StockLine(nowhere, 1))))
                .isEqualTo(new StockLedger.Rejected(Reason.UNKNOWN_SKU, nowhere));
        assertThat(ledger.reserve(order, List.of(new StockLine(nowhere, 1))))
                .as("the recorded answer is repeated").isEqualTo(new StockLedger.Rejected(Reason.UNKNOWN_SKU, nowhere));
        UUID zero = UUID.randomUUID();
        assertThat(ledger.reserve(UUID.randomUUID(), List.of(new StockLine(zero, 0))))
                .isEqualTo(new StockLedger.Rejected(Reason.INVALID_QUANTITY, zero));
    }
}
