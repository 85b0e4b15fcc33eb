package io.singlesday.livestream.drop;

import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The allocator against the real PostgreSQL: a crowd at one drop, and a crash in the middle of one. */
@SpringBootTest
@WithRealEngines(database = "livestream")
class DropAllocatorTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    private DropAllocator.Terms drop(int quantity, int limit) {
        return LiveDrops.onAir(jdbc, quantity, limit);
    }

    private int unitsInDatabase(DropAllocator.Terms terms) {
        return jdbc.queryForObject("select coalesce(sum(units), 0) from drop_grants where drop_id = ?", Integer.class, terms.dropId());
    }

    @Test
    void aThousandCakesGoToTheFirstBuyersExactlyWhateverTheCrowd() throws Exception {
        DropAllocator.Terms cakes = drop(1_000, 2);
        Map<String, Integer> unitsPerViewer = new ConcurrentHashMap<>();
        Map<DropAllocator.Result, Integer> results = new ConcurrentHashMap<>();
        try (DropAllocator allocator = new DropAllocator(jdbc, transactions, Clock.systemUTC());
             ExecutorService crowd = Executors.newFixedThreadPool(32)) {
            List<CompletableFuture<Void>> presses = new ArrayList<>();
            // 3,000 viewers press buy twice each (1 unit, then 2 more): 9,000 units wanted for 1,000 cakes.
            for (int v = 0; v < 3_000; v++) {
                String viewer = "viewer-" + v;
                for (int press = 0; press < 2; press++) {
                    int units = press + 1;
                    String key = viewer + "-press-" + press;
                    presses.add(CompletableFuture.supplyAsync(() -> allocator.purchase(cakes, viewer, key, units, null).join(), crowd)
                            .thenAccept(outcome -> {
                                results.merge(outcome.result(), 1, Integer::sum);
                                if (outcome.result() == DropAllocator.Result.GRANTED) {
                                    unitsPerViewer.merge(viewer, outcome.units(), Integer::sum);
                                }
                            }));
                }
            }
            CompletableFuture.allOf(presses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(allocator.granted(cakes)).isEqualTo(1_000);
        }
        // Exactly the quantity: none oversold, none left over while 5,000-odd buyers heard "sold out".
        assertThat(unitsPerViewer.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(unitsInDatabase(cakes)).isEqualTo(1_000);
        assertThat(unitsPerViewer.values()).allSatisfy(units -> assertThat(units).isBetween(1, 2));
        assertThat(results.getOrDefault(DropAllocator.Result.RETRY, 0)).isZero();
        assertThat(results.get(DropAllocator.Result.SOLD_OUT)).isPositive();
        // Decided one at a time in arrival order: places 0..n-1 with no gap, each viewer's rows within the limit.
        List<Integer> seqs = jdbc.queryForList("select seq from drop_grants where drop_id = ? order by seq", Integer.class, cakes.dropId());
        assertThat(seqs).isEqualTo(java.util.stream.IntStream.range(0, seqs.size()).boxed().toList());
        assertThat(jdbc.queryForObject("select max(s) from (select sum(units) s from drop_grants where drop_id = ? group by viewer_id) t",
                Integer.class, cakes.dropId())).isLessThanOrEqualTo(2);
    }

    @Test
    void aCrashMidDropNeitherLosesNorDoublesAUnit() throws Exception {
        DropAllocator.Terms perfume = drop(300, 1);
        List<String> viewers = new ArrayList<>();
        for (int v = 0; v < 400; v++) {
            viewers.add("fan-" + v);
        }
        Map<String, DropAllocator.Outcome> firstAnswers = new ConcurrentHashMap<>();
        DropAllocator before = new DropAllocator(jdbc, transactions, Clock.systemUTC());
        for (String viewer : viewers.subList(0, 200)) {
            firstAnswers.put(viewer, before.purchase(perfume, viewer, "key-" + viewer, 1, null).get(30, TimeUnit.SECONDS));
        }
        assertThat(firstAnswers.values()).allSatisfy(o -> assertThat(o.result()).isEqualTo(DropAllocator.Result.GRANTED));
        List<CompletableFuture<Void>> presses = new ArrayList<>();
        for (String viewer : viewers.subList(200, 400)) {
            presses.add(before.purchase(perfume, viewer, "key-" + viewer, 1, null).thenAccept(o -> firstAnswers.put(viewer, o)));
            if (viewer.equals("fan-250")) {
                // The instance dies with purchases queued behind it: they are told to retry, nothing is half-done.
                before.close();
            }
        }
        CompletableFuture.allOf(presses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(firstAnswers.values()).anySatisfy(o -> assertThat(o.result()).isEqualTo(DropAllocator.Result.RETRY));
        int grantedBefore = (int) firstAnswers.values().stream().filter(o -> o.result() == DropAllocator.Result.GRANTED).count();
        assertThat(unitsInDatabase(perfume)).isEqualTo(grantedBefore);

        // A new instance reads what was committed and every viewer presses again with the same key.
        Map<String, DropAllocator.Outcome> secondAnswers = new HashMap<>();
        try (DropAllocator after = new DropAllocator(jdbc, transactions, Clock.systemUTC())) {
            List<String> shuffled = new ArrayList<>(viewers);
            Collections.shuffle(shuffled);
            for (String viewer : shuffled) {
                secondAnswers.put(viewer, after.purchase(perfume, viewer, "key-" + viewer, 1, null).get(30, TimeUnit.SECONDS));
            }
        }
        firstAnswers.forEach((viewer, first) -> {
            if (first.result() == DropAllocator.Result.GRANTED) {
                assertThat(secondAnswers.get(viewer)).as(viewer + " keeps the unit it was told it had").isEqualTo(first);
            }
        });
        assertThat(secondAnswers.values().stream().filter(o -> o.result() == DropAllocator.Result.GRANTED).count()).isEqualTo(300);
        assertThat(secondAnswers.values().stream().filter(o -> o.result() == DropAllocator.Result.SOLD_OUT).count()).isEqualTo(100);
        assertThat(unitsInDatabase(perfume)).isEqualTo(300);
        assertThat(jdbc.queryForObject("select count(distinct viewer_id) from drop_grants where drop_id = ?", Integer.class,
                perfume.dropId())).isEqualTo(300);
    }

    /**
     * Two instances of the service deciding the same drop at once (the gateway spreads the presses over both): every
     * unit goes to exactly one buyer, the per-viewer limit holds across instances, a press repeated on the other
     * instance finds its grant, and nobody is told to retry because the other instance got in first.
     */
    @Test
    void twoInstancesSellOneDropExactlyBetweenThem() throws Exception {
        DropAllocator.Terms lipsticks = drop(500, 1);
        Map<String, DropAllocator.Outcome> answers = new ConcurrentHashMap<>();
        Map<DropAllocator.Result, Integer> results = new ConcurrentHashMap<>();
        try (DropAllocator first = new DropAllocator(jdbc, transactions, Clock.systemUTC());
             DropAllocator second = new DropAllocator(jdbc, transactions, Clock.systemUTC());
             ExecutorService crowd = Executors.newFixedThreadPool(16)) {
            List<CompletableFuture<Void>> presses = new ArrayList<>();
            // 800 viewers, each pressing twice with two keys on alternating instances: 1,600 presses for 500 units.
            for (int v = 0; v < 800; v++) {
                String viewer = "buyer-" + v;
                for (int press = 0; press < 2; press++) {
                    DropAllocator instance = (v + press) % 2 == 0 ? first : second;
                    String key = viewer + "-" + press;
                    presses.add(CompletableFuture.supplyAsync(() -> instance.purchase(lipsticks, viewer, key, 1, null).join(), crowd)
                            .thenAccept(outcome -> {
                                answers.put(key, outcome);
                                results.merge(outcome.result(), 1, Integer::sum);
                            }));
                }
            }
            CompletableFuture.allOf(presses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            // The same key pressed again on the other instance: the unit it was told it has, not a second one.
            for (int v = 0; v < 800; v += 7) {
                String key = "buyer-" + v + "-0";
                DropAllocator other = v % 2 == 0 ? second : first;
                DropAllocator.Outcome again = other.purchase(lipsticks, "buyer-" + v, key, 1, null).get(30, TimeUnit.SECONDS);
                if (answers.get(key).result() == DropAllocator.Result.GRANTED) {
                    assertThat(again).as(key).isEqualTo(answers.get(key));
                }
            }
        }
        assertThat(results.getOrDefault(DropAllocator.Result.RETRY, 0)).as("results: " + results).isZero();
        assertThat(results.get(DropAllocator.Result.GRANTED)).isEqualTo(500);
        assertThat(unitsInDatabase(lipsticks)).isEqualTo(500);
        assertThat(jdbc.queryForObject("select max(s) from (select sum(units) s from drop_grants where drop_id = ? group by viewer_id) t",
                Integer.class, lipsticks.dropId())).as("one per viewer across both instances").isEqualTo(1);
        List<Integer> seqs = jdbc.queryForList("select seq from drop_grants where drop_id = ? order by seq", Integer.class, lipsticks.dropId());
        assertThat(seqs).isEqualTo(java.util.stream.IntStream.range(0, 500).boxed().toList());
    }
}
