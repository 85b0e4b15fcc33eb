package io.singlesday.gmv.counting;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.singlesday.platform.kafka.EventCodec;
import io.singlesday.platform.tracing.TraceHop;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/** Runs the counter's Kafka Streams application for as long as the service runs, exactly once. */
@Component
public class CounterStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CounterStreams.class);

    private final CounterSettings settings;
    private final KafkaProperties kafka;
    private final EventCodec codec;
    private final MeterRegistry meters;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics metrics;
    private final TraceHop traces;
    private final MarksNow marks;
    private Path temporaryStateDir;

    public CounterStreams(CounterSettings settings, KafkaProperties kafka, EventCodec codec, MeterRegistry meters,
                          TraceHop traces, MarksNow marks) {
        this.marks = marks;
        this.traces = traces;
        this.settings = settings;
        this.kafka = kafka;
        this.codec = codec;
        this.meters = meters;
    }

    @Override
    public void start() {
        // Brave's Kafka Streams instrumentation (6.3) wraps clients that lack methods Kafka 4 added, so the ledger
        // continues each order's trace from its envelope itself: counting an order is a span of its checkout.
        KafkaStreams started = new KafkaStreams(
                CounterTopology.build(codec, marks, settings.flushes(), meters, traces), properties());
        // A failing thread is replaced; exactly-once means it resumes from the last commit, counting nothing twice.
        started.setUncaughtExceptionHandler(e -> {
            log.error("GMV counter stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        started.setStateListener((now, before) -> log.info("GMV counter streams {} -> {}", before, now));
        metrics = new KafkaStreamsMetrics(started);
        metrics.bindTo(meters);
        started.start();
        streams = started;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replication());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A crashed instance's partitions move after 10 s rather than the default 45 s: the screen must not freeze.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        // Kafka's 500 ms fetch wait stays here, not the services' 5 s: with 5 s a counter rejoining after a broker
        // restart took three times as long to catch up (CounterExactnessTest).
        p.put(StreamsConfig.CLIENT_ID_CONFIG, settings.applicationId());
        return p;
    }

    private Path stateDir() {
        try {
            if (settings.stateDir() != null && !settings.stateDir().isBlank()) {
                return Files.createDirectories(Path.of(settings.stateDir()));
            }
            temporaryStateDir = Files.createTempDirectory("gmv-counter-state");
            return temporaryStateDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka Streams state directory", e);
        }
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        streams = null;
        if (running != null) {
            // Leaving the group hands this instance's partitions over at once instead of after the session timeout.
            running.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(15)));
            metrics.close();
        }
        if (temporaryStateDir != null) {
            FileSystemUtils.deleteRecursively(temporaryStateDir.toFile());
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** Stops before the web server stops taking requests would be wrong; start after Kafka clients are ready. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    public Optional<KafkaStreams.State> state() {
        KafkaStreams running = streams;
        return running == null ? Optional.empty() : Optional.of(running.state());
    }

    /** A global store of this instance, or empty while the application is not running (starting, restoring). */
    public Optional<ReadOnlyKeyValueStore<String, byte[]>> view(String store) {
        KafkaStreams running = streams;
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(running.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, byte[]>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }
}
