package io.singlesday.coupon.bench;

import io.singlesday.contracts.Money;
import io.singlesday.contracts.coupons.LockCoupons;
import io.singlesday.coupon.campaign.CampaignRequest;
import io.singlesday.coupon.campaign.Campaigns;
import io.singlesday.coupon.claim.Claims;
import io.singlesday.coupon.saga.CouponLedger;
import io.singlesday.contracts.coupons.CouponIssued.Scope;
import io.singlesday.platform.identity.Caller;
import io.singlesday.platform.identity.Role;
import io.singlesday.platform.web.ApiProblem;
import io.singlesday.testsupport.WithRealEngines;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #5's figures on the real engines: claims per second on one hot coupon and across many, with the
 * over-issue count, and the latency of locking and releasing a checkout's coupons. Not part of the suite:
 * {@code ./mvnw -pl coupon-service -Pbenchmark test} (see docs/benchmarks.md).
 */
@SpringBootTest
@WithRealEngines(database = "coupons")
class CouponBenchmark {

    private static final int THREADS = 32;
    private static final Instant PAST = Instant.now().minus(Duration.ofDays(30));
    private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(30));

    @Autowired
    Campaigns campaigns;
    @Autowired
    Claims claims;
    @Autowired
    CouponLedger ledger;
    @Autowired
    JdbcClient sql;

    private final Caller operator = new Caller("bench-ops", Set.of(Role.OPERATOR), null);

    @Test
    void claimsAndLocks() throws Exception {
        claimRush("warm-up", 1, 2_000, 4_000);
        claimRush("one hot coupon (stock 5,000, 20,000 shoppers)", 1, 5_000, 20_000);
        claimRush("50 campaigns (stock 400 each, 20,000 shoppers)", 50, 400, 20_000);
        lockAndRelease(2_000);
    }

    private void claimRush(String name, int campaignCount, int stock, int attempts) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < campaignCount; i++) {
            ids.add(campaigns.create(new CampaignRequest(Scope.PLATFORM, null, null, "bench", 0, 100, false, stock, 1,
                    PAST, FUTURE, PAST, FUTURE), operator).id());
        }
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int i = 0; i < attempts; i++) {
                UUID campaign = ids.get(i % ids.size());
                String shopper = "bench-" + UUID.randomUUID();
                pool.execute(() -> {
                    try {
                        claims.claim(campaign, shopper);
                        issued.incrementAndGet();
                    } catch (ApiProblem soldOut) {
                        refused.incrementAndGet();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long overIssued = 0;
        for (UUID id : ids) {
            int rows = sql.sql("select count(*) from coupons where campaign_id = ?").param(id).query(Integer.class).single();
            overIssued += Math.max(0, rows - stock);
        }
        System.out.printf("benchmark: claims, %-50s %6d attempts in %5.1f s = %7.0f /s | issued %6d refused %6d | over-issued %d%n",
                name, attempts, seconds, attempts / seconds, issued.get(), refused.get(), overIssued);
        assertThat(overIssued).isZero();
        assertThat(issued.get()).isEqualTo(Math.min(attempts, stock * campaignCount));
    }

    private void lockAndRelease(int checkouts) throws Exception {
        UUID campaign = campaigns.create(new CampaignRequest(Scope.PLATFORM, null, null, "bench", 0, 100, false, checkouts, 1,
                PAST, FUTURE, PAST, FUTURE), operator).id();
        List<String[]> holders = new ArrayList<>();
        for (int i = 0; i < checkouts; i++) {
            String shopper = "locker-" + UUID.randomUUID();
            holders.add(new String[]{shopper, claims.claim(campaign, shopper).code()});
        }
        ConcurrentLinkedQueue<Long> locks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> releases = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (String[] holder : holders) {
                pool.execute(() -> {
                    UUID checkout = UUID.randomUUID();
                    long t0 = System.nanoTime();
                    ledger.lock(checkout, holder[0], List.of(holder[1]),
                            List.of(new LockCoupons.OrderAmount(UUID.randomUUID(), UUID.randomUUID(), Money.fen(10_000), List.of())));
                    long t1 = System.nanoTime();
                    ledger.unlock(checkout);
                    long t2 = System.nanoTime();
                    locks.add((t1 - t0) / 1000);
                    releases.add((t2 - t1) / 1000);
                });
            }
        }
        System.out.printf("benchmark: lock   p50 %6.2f ms p99 %6.2f ms | release p50 %6.2f ms p99 %6.2f ms (%d checkouts, 8 threads)%n",
                pct(locks, 0.5), pct(locks, 0.99), pct(releases, 0.5), pct(releases, 0.99), checkouts);
    }

    private static double pct(ConcurrentLinkedQueue<Long> micros, double p) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
