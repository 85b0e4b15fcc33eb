package io.singlesday.loadtest.gatling;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TallyTest {

    @Test
    void sortsAnswersIntoSuccessRefusalShedServerErrorAndSilence() {
        Tally tally = new Tally();
        tally.record("checkout", 200, 10);
        tally.record("checkout", 202, 20);
        tally.record("checkout", 409, 5);
        tally.record("checkout", 429, 1);
        tally.record("checkout", 503, 5000);
        tally.record("checkout", 0, 0);
        Tally.Line line = tally.lines().get("checkout");
        assertThat(line.count()).isEqualTo(6);
        assertThat(List.of(line.ok(), line.clientErrors(), line.shed(), line.serverErrors(), line.failed()))
                .containsExactly(2L, 1L, 1L, 1L, 1L);
        // No answer has no latency: the unanswered call does not pull the percentiles down to zero.
        assertThat(line.max()).isBetween(4995L, 5005L);
        assertThat(line.p50()).isEqualTo(10);
    }

    @Test
    void shedAnswersHaveTheirOwnPercentilesApartFromWhatWasServed() {
        Tally tally = new Tally();
        for (int i = 0; i < 100; i++) {
            tally.record("checkout", 429, 2);
            tally.record("checkout", 200, 800);
        }
        Tally.Line line = tally.lines().get("checkout");
        assertThat(line.shedP99()).isEqualTo(2);
        assertThat(line.servedP99()).isBetween(799L, 801L);
        assertThat(tally.lines().get("all").shedP99()).isEqualTo(2);
    }

    @Test
    void anAttemptSentButNeverAnsweredIsNoAnswerAndCountsOnce() {
        Tally tally = new Tally();
        tally.sent("checkout");
        tally.sent("checkout");
        tally.sent("checkout");
        tally.record("checkout", 503, 10);
        Tally.Line line = tally.lines().get("checkout");
        assertThat(line.count()).isEqualTo(3);
        assertThat(line.serverErrors()).isEqualTo(1);
        assertThat(line.failed()).isEqualTo(2);
        assertThat(line.answered()).isEqualTo(1);
    }

    @Test
    void percentilesComeFromEveryAnswerAndAllSumsTheTypes() {
        Tally tally = new Tally();
        for (int ms = 1; ms <= 100; ms++) {
            tally.record("search", 200, ms);
        }
        tally.record("checkout", 500, 1000);
        Map<String, Tally.Line> lines = tally.lines();
        assertThat(lines.get("search").p50()).isEqualTo(50);
        assertThat(lines.get("search").p99()).isEqualTo(99);
        assertThat(lines.get("search").max()).isEqualTo(100);
        assertThat(lines.get("all").count()).isEqualTo(101);
        assertThat(lines.get("all").serverErrors()).isEqualTo(1);
        assertThat(lines.get("all").max()).isEqualTo(1000);
        assertThat(lines.keySet()).last().isEqualTo("all");
    }

    @Test
    void countsEveryAnswerFromManyThreads() throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    tally.record("browse", i % 100 == 0 ? 500 : 200, i % 300);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Tally.Line line = tally.lines().get("browse");
        assertThat(line.count()).isEqualTo(80_000);
        assertThat(line.serverErrors()).isEqualTo(800);
    }

    @Test
    void keepsTheFirstRefusalOfEachKindOnly() {
        Tally tally = new Tally();
        tally.refused("claim voucher", 410, "{\"detail\":\"Sold out\"}");
        tally.refused("claim voucher", 410, "{\"detail\":\"later\"}");
        tally.refused("claim voucher", 201, "{\"code\":\"C-1\"}");
        tally.refused("claim voucher", 409, "x".repeat(500));
        assertThat(tally.firstRefusals()).containsEntry("claim voucher 410", "{\"detail\":\"Sold out\"}")
                .doesNotContainKey("claim voucher 201");
        assertThat(tally.firstRefusals().get("claim voucher 409")).hasSize(303);
    }
}
