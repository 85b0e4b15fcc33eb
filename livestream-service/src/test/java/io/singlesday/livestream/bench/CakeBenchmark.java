package io.singlesday.livestream.bench;

import io.singlesday.livestream.drop.DropAllocator;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cake test of docs/benchmarks.md, run with {@code ./mvnw -pl livestream-service -Pbenchmark test}:
 * 1,000 units, 20,000 presses from 10,000 viewers arriving at random within one second, against the allocator
 * and the real PostgreSQL. Then the same with the allocator killed when half the cakes are gone and a new one
 * taking over, everyone who was told to retry pressing again with the same key. Prints figures; asserts nothing about speed.
 */
@SpringBootTest(properties = "livestream.comments.burst=1000000")
@WithRealEngines(database = "livestream")
class CakeBenchmark {

    private static final int UNITS = 1_000;
    private static final int VIEWERS = 10_000;
    private static final int PRESSES = 20_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    io.singlesday.livestream.audience.Audience audience;

    record Press(String viewer, String key, long at) {
    }

    @Test
    void theCakeTest() throws Exception {
        warmUp();
        for (int run = 1; run <= 3; run++) {
            report("cake test, run " + run, cakes(false));
        }
        for (int run = 1; run <= 3; run++) {
            report("cake test with a crash when half the cakes are gone, run " + run, cakes(true));
        }
    }

    /** Comments one session takes: 16 posting threads, each comment a row and a publish, for five seconds. */
    @Test
    void commentsPerSecondOfOneSession() throws Exception {
        UUID session = jdbc.queryForObject("select session_id from drops where id = ?", UUID.class, drop().dropId());
        for (int round = 1; round <= 3; round++) {
            java.util.concurrent.atomic.LongAdder posted = new java.util.concurrent.atomic.LongAdder();
            long end = System.nanoTime() + 5_000_000_000L;
            try (var pool = Executors.newFixedThreadPool(16)) {
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        int n = 0;
                        while (System.nanoTime() < end) {
                            audience.comment(session, "viewer-" + thread + "-" + (n++ % 500),
                                    new io.singlesday.livestream.audience.Audience.CommentRequest("so good " + n, n % 10 == 0));
                            posted.increment();
                        }
                    });
                }
            }
            System.out.printf("comments, round %d: %d in 5 s, %.0f per second%n", round, posted.sum(), posted.sum() / 5.0);
        }
    }

    private void warmUp() throws Exception {
        cakes(false);
    }

    private record Figures(long lastUnitMillis, long[] soldOutMillis, int units, int retried) {
    }

    private Figures cakes(boolean crash) throws Exception {
        DropAllocator.Terms drop = drop();
        Random random = new Random(11);
        List<Press> presses = new ArrayList<>();
        for (int i = 0; i < PRESSES; i++) {
            String viewer = "v" + random.nextInt(VIEWERS);
            presses.add(new Press(viewer, viewer + "-" + i, random.nextInt(1_000_000)));
        }
        DropAllocator[] allocator = {new DropAllocator(jdbc, transactions, Clock.systemUTC())};
        ConcurrentLinkedQueue<Long> soldOut = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Press> toRetry = new ConcurrentLinkedQueue<>();
        AtomicLong lastGrant = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger grantedSoFar = new java.util.concurrent.atomic.AtomicInteger();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (Press p : presses) {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            answers.add(answered);
            clock.schedule(() -> {
                long sent = System.nanoTime();
                allocator[0].purchase(drop, p.viewer(), p.key(), 1, null).whenComplete((outcome, error) -> {
                    long now = System.nanoTime();
                    switch (outcome.result()) {
                        case GRANTED -> {
                            lastGrant.accumulateAndGet(now - start, Math::max);
                            if (crash && grantedSoFar.incrementAndGet() == UNITS / 2) {
                                // Half the cakes gone: the instance dies, a new one takes the presses still coming.
                                clock.execute(() -> {
                                    DropAllocator dead = allocator[0];
                                    allocator[0] = new DropAllocator(jdbc, transactions, Clock.systemUTC());
                                    dead.close();
                                });
                            }
                        }
                        case SOLD_OUT -> soldOut.add(now - sent);
                        case RETRY -> toRetry.add(p);
                        default -> { }
                    }
                    answered.complete(null);
                });
            }, p.at(), TimeUnit.MICROSECONDS);
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        int retried = toRetry.size();
        for (Press p : toRetry) {
            long sent = System.nanoTime();
            DropAllocator.Outcome outcome = allocator[0].purchase(drop, p.viewer(), p.key(), 1, null).get(30, TimeUnit.SECONDS);
            long now = System.nanoTime();
            if (outcome.result() == DropAllocator.Result.GRANTED) {
                lastGrant.accumulateAndGet(now - start, Math::max);
            } else if (outcome.result() == DropAllocator.Result.SOLD_OUT) {
                soldOut.add(now - sent);
            }
        }
        clock.shutdown();
        allocator[0].close();
        int units = jdbc.queryForObject("select coalesce(sum(units), 0) from drop_grants where drop_id = ?", Integer.class, drop.dropId());
        return new Figures(lastGrant.get() / 1_000_000, soldOut.stream().mapToLong(n -> n / 1_000).sorted().toArray(), units, retried);
    }

    private static void report(String name, Figures f) {
        long[] micros = f.soldOutMillis();
        System.out.printf("%s: units sold %d of %d; last unit granted %d ms after the first press; %d sold-out answers, "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d presses told to retry%n",
                name, f.units(), UNITS, f.lastUnitMillis(), micros.length, pct(micros, 50), pct(micros, 99),
                micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0, f.retried());
    }

    private static double pct(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100 * sortedMicros.length) - 1)] / 1000.0;
    }

    private DropAllocator.Terms drop() {
        return io.singlesday.livestream.drop.LiveDrops.onAir(jdbc, UNITS, 2);
    }
}
