package io.singlesday.gmv;

import io.singlesday.contracts.orders.OrderConfirmed;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.testsupport.RealEngines;
import io.singlesday.testsupport.Tokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of docs/benchmarks.md for the counter, run with
 * {@code ./mvnw -pl gmv-counter-service -Pbenchmark test [-Dbenchmark.events=200000 -Dbenchmark.rate=2000]}.
 * <ol>
 *   <li>Throughput: orders.events pre-filled with confirmations, then a plain consumer reads them all, then the
 *   counter counts them all from a cold start; both in events per second, in one run, from the first order on the
 *   screen to the last. Every five seconds a line shows where each of its two stages stands. (An earlier version
 *   also printed the rate over the second half of the orders reaching the screen as "warm"; that half was mostly the
 *   totals stage catching up after the ledger stage had read everything, so it overstated the counter's rate.)</li>
 *   <li>Freshness: a steady rate of confirmations while the SSE stream is read; for the k-th order sent, the
 *   time until a pushed snapshot counts k orders.</li>
 * </ol>
 * Prints figures; asserts nothing about speed (the machine is shared and noisy).
 */
class CounterBenchmark {

    private static final Pattern ORDERS = Pattern.compile("\"orders\":(\\d+)");

    @Test
    void throughputAndFreshness() throws Exception {
        int events = Integer.getInteger("benchmark.events", 200_000);
        int rate = Integer.getInteger("benchmark.rate", 2_000);
        int seconds = Integer.getInteger("benchmark.seconds", 30);

        RealEngines.shared();
        // A broker that created its topics a moment ago may still be loading their partitions; a flood of produce
        // requests in that window trips the idempotent producer's sequence checks.
        Thread.sleep(3_000);
        long filled = System.nanoTime();
        try (OrderEvents orders = new OrderEvents(7, 200)) {
            Instant at = Instant.now();
            for (int i = 0; i < events; i++) {
                OrderConfirmed order = orders.confirmed(at.plusMillis(i));
                orders.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
            orders.flush();
        }
        System.out.printf("pre-filled orders.events with %,d confirmations in %.1f s%n", events, secondsSince(filled));

        double plain = plainConsumer(events);
        System.out.printf("plain consumer (read_committed, no decoding): %,.0f events/s%n", plain);

        long started = System.nanoTime();
        long cpuAtStart = cpuNanos();
        ConfigurableApplicationContext counter = CounterApp.start();
        try (Stages stages = new Stages(events)) {
            String operator = Tokens.operator("bench");
            long[] firstCounted = {0};
            // Read as often as the screen refreshes: each read is an authenticated request this JVM answers, on the
            // same two cores as the counter (every 100 ms it took about a tenth of the JVM's CPU).
            CounterApp.await(Duration.ofMinutes(10), Duration.ofMillis(250), () -> {
                long n = ordersCounted(counter, operator);
                stages.counted.set(n);
                if (n > 0 && firstCounted[0] == 0) {
                    firstCounted[0] = System.nanoTime();
                }
                return n >= events;
            });
            double elapsed = secondsSince(started);
            double counting = events / secondsSince(firstCounted[0]);
            System.out.printf("counter, cold start (JVM context included) to all %,d counted: %.1f s = %,.0f events/s%n",
                    events, elapsed, events / elapsed);
            System.out.printf("counter, first to last order on the screen: %,.0f events/s (%.3f of the plain consumer)%n",
                    counting, counting / plain);
            System.out.printf("counter events/s: %.0f; plain consumer events/s: %.0f; ratio: %.3f%n", counting, plain,
                    counting / plain);
            if (stages.ledgerDoneAt > 0) {
                System.out.printf("ledger stage alone, from the counter's start to all read and committed (seen within 1 s): %,.0f events/s%n",
                        events / ((stages.ledgerDoneAt - started) / 1e9));
            }
            // The rate moves with whatever else this shared machine runs; the CPU each event costs moves much less.
            System.out.printf("CPU per event counted, this JVM (counter and broker): %.1f us%n",
                    (cpuNanos() - cpuAtStart) / 1e3 / events);
            stages.close();

            freshness(counter, rate, seconds, events);
        } finally {
            counter.close();
        }
    }

    /**
     * Where the counting stands every few seconds: orders on the screen, events the ledger stage has read (its committed
     * offsets on orders.events) and batches the totals stage has read (on gmv.batches, whose offsets also count
     * transaction markers). The screen can only be as far as the slower stage.
     */
    private static final class Stages implements AutoCloseable {
        private final Admin admin = Admin.create(
                Map.of("bootstrap.servers", RealEngines.shared().kafkaBootstrapServers()));
        private final long events;
        /** Read over HTTP by the caller; the offsets are read here, on a thread of their own, so as never to delay it. */
        final AtomicLong counted = new AtomicLong();
        private final ScheduledExecutorService everySecond =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        private final long started = System.nanoTime();
        private long lastAt = started;
        private long lastCounted;
        private long lastRead;
        volatile long ledgerDoneAt;

        Stages(long events) {
            this.events = events;
            everySecond.scheduleAtFixedRate(this::look, 1, 1, TimeUnit.SECONDS);
        }

        /** Every second: has the ledger stage read everything yet? Every fifth, a line. */
        private void look() {
            long now = System.nanoTime();
            long counted = this.counted.get();
            Map<String, long[]> offsets = committedAndEnd();
            long[] read = offsets.getOrDefault(Topics.ORDERS_EVENTS.name(), new long[2]);
            long[] batches = offsets.getOrDefault(Topics.GMV_BATCHES.name(), new long[2]);
            if (read[0] >= events && ledgerDoneAt == 0) {
                ledgerDoneAt = now;
            }
            if (now - lastAt < 4_900_000_000L) {
                return;
            }
            double seconds = (now - lastAt) / 1e9;
            System.out.printf("  %5.1f s: on the screen %,d (%,.0f/s); ledger stage read %,d (%,.0f/s); "
                            + "totals stage at offset %,d of %,d%n", (now - started) / 1e9, counted,
                    (counted - lastCounted) / seconds, read[0], (read[0] - lastRead) / seconds, batches[0], batches[1]);
            lastAt = now;
            lastCounted = Math.max(counted, 0);
            lastRead = read[0];
        }

        private Map<String, long[]> committedAndEnd() {
            Map<String, long[]> byTopic = new TreeMap<>();
            try {
                var committed = admin.listConsumerGroupOffsets("gmv-counter").partitionsToOffsetAndMetadata()
                        .get(2, TimeUnit.SECONDS);
                var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(
                        tp -> tp, tp -> OffsetSpec.latest()))).all()
                        .get(2, TimeUnit.SECONDS);
                committed.forEach((tp, offset) -> {
                    long[] sum = byTopic.computeIfAbsent(tp.topic(), t -> new long[2]);
                    sum[0] += offset.offset();
                    sum[1] += ends.get(tp).offset();
                });
            } catch (Exception e) {
                // The group may not have committed yet: the line shows zeros.
            }
            return byTopic;
        }

        @Override
        public void close() {
            if (everySecond.isShutdown()) {
                return;
            }
            everySecond.shutdownNow();
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static double plainConsumer(int events) {
        Map<String, Object> config = Map.of("bootstrap.servers", RealEngines.shared().kafkaBootstrapServers(),
                "group.id", "bench-plain-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed", "enable.auto.commit", "false");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ORDERS_EVENTS.name()));
            long started = System.nanoTime();
            long read = 0;
            while (read < events) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / secondsSince(started);
        }
    }

    /** Sends at a steady rate and reads the stream; the k-th order is fresh once a snapshot counts k beyond the start. */
    private static void freshness(ConfigurableApplicationContext counter, int rate, int seconds, long alreadyCounted)
            throws Exception {
        int total = rate * seconds;
        long[] sentAt = new long[total];
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong seen = new AtomicLong(0);
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(CounterApp.base(counter) + "/api/gmv/public/stream")).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                stream.body().forEach(line -> {
            Matcher m = ORDERS.matcher(line);
            if (line.startsWith("data:") && m.find()) {
                long now = System.nanoTime();
                long counted = Math.min(total, Long.parseLong(m.group(1)) - alreadyCounted);
                for (long k = seen.get(); k < counted; k++) {
                    latencies.add(now - sentAt[(int) k]);
                }
                seen.set(Math.max(seen.get(), counted));
            }
                });
            } catch (java.io.UncheckedIOException closed) {
                // the stream ends with the counter
            }
        });
        try (OrderEvents orders = new OrderEvents(8, 200)) {
            long start = System.nanoTime();
            for (int k = 0; k < total; k++) {
                long due = start + k * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                OrderConfirmed order = orders.confirmed(Instant.now());
                sentAt[k] = System.nanoTime();
                orders.send(order.orderId(), OrderEvents.envelope(order, order.orderId(), order.confirmedAt()));
            }
            orders.flush();
            System.out.printf("sent %,d confirmations at %,.0f/s%n", total, total / secondsSince(start));
        }
        CounterApp.await(Duration.ofMinutes(2), () -> seen.get() >= total);
        reader.interrupt();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("freshness, confirmation sent to counted on the SSE stream: p50 %d ms, p99 %d ms, max %d ms (%,d orders)%n",
                sorted.get(sorted.size() / 2) / 1_000_000, sorted.get((int) (sorted.size() * 0.99)) / 1_000_000,
                sorted.getLast() / 1_000_000, sorted.size());
    }

    private static long ordersCounted(ConfigurableApplicationContext counter, String operator) {
        try {
            String body = io.singlesday.testsupport.Http.send(CounterApp.base(counter), "GET", "/api/gmv/summary",
                    operator, null).body();
            Matcher m = ORDERS.matcher(body);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** CPU time of this whole JVM: the counter, the broker and everything else the test runs in it. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
