package io.singlesday.order.saga;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.singlesday.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The saga admission's decisions without a database or a broker: a clock the test moves, and a platform modelled as
 * a queue whose capacity the test sets, offered more checkouts than it admits, as under overload.
 */
class SagaAdmissionTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SagaProperties saga = new SagaProperties(Duration.ofSeconds(10), Duration.ofMinutes(30),
            Duration.ofSeconds(5), Duration.ofMillis(500));

    private SagaAdmission admission(int initial, int min, int max) {
        return admission(initial, min, max, Duration.ofSeconds(30));
    }

    private SagaAdmission admission(int initial, int min, int max, Duration maxTarget) {
        return new SagaAdmission(new SagaAdmissionProperties(true, 1.5, Duration.ofMillis(200), maxTarget, initial, min, max, 1), saga,
                null, meters, nanos::get);
    }

    private record Running(UUID id, long admittedAt, long settlesAt) {
    }

    /**
     * Each saga waits its turn for a server that finishes {@code perSecond} of them a second, then a fixed latency
     * (300 ms unless the test changes it) plus a random tail (the Kafka hops, the payment, a slow poll). Whenever a saga settles, as many new ones are
     * placed as the admission lets in.
     */
    private final class Platform {
        final SagaAdmission admission;
        final PriorityQueue<Running> running = new PriorityQueue<>(Comparator.comparingLong(Running::settlesAt));
        final Random random = new Random(11);
        long serverFreeAt;
        double perSecond;
        long latencyNanos = 300_000_000L;

        Platform(SagaAdmission admission, double perSecond) {
            this.admission = admission;
            this.perSecond = perSecond;
        }

        /** Settles {@code n} sagas; answers the p99 of their time from placement, in seconds, and their rate. */
        double[] settle(int n) {
            fill();
            long from = nanos.get();
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                Running next = running.poll();
                nanos.set(Math.max(nanos.get(), next.settlesAt()));
                admission.settled(next.id(), Instant.now());
                times[i] = next.settlesAt() - next.admittedAt();
                fill();
            }
            Arrays.sort(times);
            return new double[]{times[(int) (n * 0.99)] / 1e9, n / ((nanos.get() - from) / 1e9)};
        }

        void fill() {
            while (true) {
                UUID id = UUID.randomUUID();
                try {
                    admission.admit(id);
                } catch (ApiProblem full) {
                    return;
                }
                long now = nanos.get();
                serverFreeAt = Math.max(now, serverFreeAt) + (long) (1e9 / perSecond);
                long tail = (long) (50e6 * -Math.log(1 - random.nextDouble()));
                running.add(new Running(id, now, serverFreeAt + latencyNanos + tail));
            }
        }
    }

    /** The same platform with one saga at a time: nothing queues, so this is its unloaded p99. */
    private double unloadedP99(double perSecond) {
        return new Platform(admission(1, 1, 1), perSecond).settle(2_000)[0];
    }

    @Test
    void pastTheLimitANewCheckoutIsRefusedWith429AndARetryAfterAndAnAbandonedPlaceIsGivenBack() {
        SagaAdmission admission = admission(3, 1, 100);
        UUID a = UUID.randomUUID();
        admission.admit(a);
        admission.admit(UUID.randomUUID());
        admission.admit(UUID.randomUUID());

        assertThatThrownBy(() -> admission.admit(UUID.randomUUID())).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.getStatusCode().value()).isEqualTo(429);
            assertThat(Integer.parseInt(p.getHeaders().getFirst("Retry-After"))).isBetween(1, 2);
            assertThat(p.getBody().getDetail()).contains("Idempotency-Key").contains("3 in flight");
        });
        assertThat(meters.get("festival.orders.checkout.admission.shed").counter().count()).isEqualTo(1);

        admission.abandon(a);
        admission.admit(UUID.randomUUID());
        assertThat(admission.view().inFlight()).isEqualTo(3);
    }

    @Test
    void pastCapacityTheAdmittedSagasKeepWithinTwiceTheirUnloadedTimeWhileThePlatformStaysBusy() {
        Platform platform = new Platform(admission(4, 4, 400), 25);
        platform.settle(2_000);
        double[] steady = platform.settle(3_000);

        assertThat(steady[0]).as("p99 seconds from placement to outcome").isLessThan(2 * unloadedP99(25));
        assertThat(steady[1]).as("sagas settled per second").isGreaterThan(0.9 * 25);
        // Little's law: 25 a second for 1.5 times the unloaded 0.37 s.
        assertThat(platform.admission.limit()).isBetween(11, 18);
        assertThat(platform.admission.view().unloadedSagaTimeMillis()).isBetween(330L, 420L);
    }

    @Test
    void withoutTheLimitTheSameOverloadQueuesEverySaga() {
        Platform platform = new Platform(admission(200, 200, 200), 25);
        platform.settle(2_000);
        assertThat(platform.settle(3_000)[0]).isGreaterThan(5 * unloadedP99(25));
    }

    @Test
    void theLimitFollowsThePlatformsCapacityDownAndUpWithoutLearningItsQueueAsTheUnloadedTime() {
        Platform platform = new Platform(admission(4, 2, 400), 25);
        platform.settle(2_000);
        int healthy = platform.admission.limit();
        long unloaded = platform.admission.view().unloadedSagaTimeMillis();

        platform.perSecond = 5;
        double[] slow = platform.settle(500);
        int slowed = platform.admission.limit();
        assertThat(slowed).isLessThan(healthy / 2);
        assertThat(slow[1]).isGreaterThan(0.9 * 5);
        assertThat(platform.admission.view().unloadedSagaTimeMillis()).isLessThanOrEqualTo(unloaded);

        platform.perSecond = 50;
        double[] recovered = platform.settle(3_000);
        assertThat(platform.admission.limit()).isGreaterThan(healthy);
        assertThat(recovered[1]).isGreaterThan(0.9 * 50);
    }

    @Test
    void aPlatformThatBecameSlowerForGoodIsRelearnedAfterTheFloorsGraceAndGetsItsRateBack() {
        Platform platform = new Platform(admission(4, 4, 400), 25);
        platform.settle(2_000);

        // Every saga now takes 1.5 s however few run: more than the target, so the limit falls to its floor.
        platform.latencyNanos = 1_500_000_000L;
        platform.settle(100);
        assertThat(platform.admission.limit()).isEqualTo(4);

        long from = nanos.get();
        platform.settle(2_000);
        double[] relearned = platform.settle(2_000);
        assertThat(platform.admission.view().unloadedSagaTimeMillis()).isGreaterThan(1_400L);
        assertThat(relearned[1]).isGreaterThan(0.9 * 25);
        assertThat(nanos.get() - from).as("nanoseconds to relearn and run 4,000 sagas").isLessThan(Duration.ofMinutes(4).toNanos());
    }

    /**
     * The first sagas after a start, with a cold JIT, take seconds however few run, and that is what the admission
     * first learns as the unloaded time; answers the target it then holds, and the p99 and rate once warm.
     */
    private double[] warmedAfterAColdStart(Duration maxTarget) {
        Platform platform = new Platform(admission(4, 4, 400, maxTarget), 25);
        platform.latencyNanos = 3_600_000_000L;
        platform.settle(60);
        double coldTarget = platform.admission.view().targetSagaTimeMillis();
        platform.latencyNanos = 300_000_000L;
        platform.settle(3_000);
        double[] warm = platform.settle(3_000);
        return new double[]{coldTarget, warm[0], warm[1]};
    }

    @Test
    void aColdStartsSlowSagasCannotSetTheTargetAboveTheCeiling() {
        double[] bounded = warmedAfterAColdStart(Duration.ofSeconds(2));
        double[] unbounded = warmedAfterAColdStart(Duration.ofSeconds(30));

        assertThat(unbounded[0]).as("target ms after the cold start, no ceiling").isGreaterThan(5_000);
        assertThat(bounded[0]).as("target ms after the cold start, a 2 s ceiling").isEqualTo(2_000);
        assertThat(bounded[1]).as("p99 seconds once warm, a 2 s ceiling").isLessThan(2.3).isLessThan(0.8 * unbounded[1]);
        assertThat(bounded[2]).as("sagas settled per second").isGreaterThan(0.9 * 25);
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, Duration.ofMillis(200), Duration.ZERO, 10, 1, 400, 1))
                .hasMessageContaining("max-target-saga-time");
    }

    @Test
    void anOperatorsMinimumTargetMovesTheLimitWithTheNextMeasurements() {
        Platform platform = new Platform(admission(4, 2, 400), 25);
        platform.settle(2_000);
        int before = platform.admission.limit();
        assertThat(platform.admission.minTarget(Duration.ofMillis(2_000)).targetSagaTimeMillis()).isEqualTo(2_000);
        platform.settle(1_000);
        assertThat(platform.admission.limit()).isGreaterThan(before * 3);
        assertThatThrownBy(() -> platform.admission.minTarget(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void aSagaThisInstanceDidNotPlaceCountsTowardsTheRateButFreesNoPlace() {
        SagaAdmission admission = admission(2, 1, 100);
        admission.admit(UUID.randomUUID());
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(Duration.ofMillis(50).toNanos());
            admission.settled(UUID.randomUUID(), Instant.now().minusMillis(300));
        }
        admission.abandon(UUID.randomUUID());
        assertThat(admission.view().inFlight()).isEqualTo(1);
        assertThat(admission.view().settledPerSecond()).isBetween(19.0, 21.0);
        // 20 a second for 1.5 x 0.3 s (a little more: the test's own time passes between the settlements).
        assertThat(admission.limit()).isBetween(9, 10);
    }

    @Test
    void aLimitOfZeroATargetOfNothingOrLimitsTheWrongWayRoundAreRefusedAtStartUp() {
        Duration min = Duration.ofMillis(200);
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, min, Duration.ofSeconds(2), 0, 0, 400, 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, min, Duration.ofSeconds(2), 10, 1, 400, -1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, Duration.ZERO, Duration.ofSeconds(2), 10, 1, 400, 1)).hasMessageContaining("positive time");
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 0.5, min, Duration.ofSeconds(2), 10, 1, 400, 1)).hasMessageContaining("target-factor");
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, min, Duration.ofSeconds(2), 10, 20, 400, 1))
                .hasMessageContaining("min-limit <= initial-limit <= max-limit");
        assertThatThrownBy(() -> new SagaAdmissionProperties(true, 1.5, min, Duration.ofSeconds(2), 10, 1, 5, 1))
                .hasMessageContaining("min-limit <= initial-limit <= max-limit");
    }
}
