package io.singlesday.testsupport;

import io.singlesday.contracts.topics.Topics;
import io.singlesday.localinfra.LocalKafka;
import io.singlesday.localinfra.LocalPostgres;
import io.singlesday.localinfra.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and shared by every test
 * class. Testcontainers when a Docker engine answers within a few seconds, the embedded engines otherwise;
 * {@code FESTIVAL_TEST_ENGINES=embedded|containers} forces the choice.
 */
public final class RealEngines {

    private static final Logger log = LoggerFactory.getLogger(RealEngines.class);
    private static Engines shared;

    private RealEngines() {
    }

    public static synchronized Engines shared() {
        if (shared == null) {
            long started = System.nanoTime();
            String forced = System.getenv().getOrDefault("FESTIVAL_TEST_ENGINES", "auto");
            boolean containers = switch (forced) {
                case "containers" -> true;
                case "embedded" -> false;
                default -> DockerProbe.dockerAnswers();
            };
            shared = containers ? ContainerEngines.start() : startEmbedded();
            log.info("Test engines ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000, shared.description());
        }
        return shared;
    }

    private static Engines startEmbedded() {
        try {
            Path root = Files.createTempDirectory("festival-test-engines");
            var kafka = CompletableFuture.supplyAsync(() -> LocalKafka.start(root.resolve("kafka"), 0));
            var postgres = CompletableFuture.supplyAsync(() -> LocalPostgres.start(null, 0));
            SigningKey key = SigningKey.ensure(root.resolve("keys"));
            Embedded engines = new Embedded(root.resolve("kafka"), kafka.join(), postgres.join(), key);
            engines.kafka.createTopics(Topics.allWithDeadLetters(), 1);
            Runtime.getRuntime().addShutdownHook(new Thread(engines::close, "test-engines-shutdown"));
            return engines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Embedded implements Engines {

        private final Path kafkaDir;
        private final LocalPostgres postgres;
        private final SigningKey signingKey;
        private volatile LocalKafka kafka;

        Embedded(Path kafkaDir, LocalKafka kafka, LocalPostgres postgres, SigningKey signingKey) {
            this.kafkaDir = kafkaDir;
            this.kafka = kafka;
            this.postgres = postgres;
            this.signingKey = signingKey;
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public SigningKey signingKey() {
            return signingKey;
        }

        @Override
        public synchronized void restartKafka() {
            int port = kafka.port();
            kafka.close();
            kafka = LocalKafka.start(kafkaDir, port);
        }

        @Override
        public boolean canRestartKafka() {
            return true;
        }

        @Override
        public void ensureDatabase(String database) {
            postgres.ensureDatabase(database, database, database);
        }

        @Override
        public String jdbcUrl(String database) {
            return postgres.jdbcUrl(database);
        }

        @Override
        public String description() {
            return "embedded Kafka at " + kafka.bootstrapServers() + ", embedded PostgreSQL on port " + postgres.port();
        }

        /** Stops both engines and removes the broker's data: each test JVM's engines are its own, a gigabyte or more. */
        void close() {
            try {
                kafka.close();
            } finally {
                postgres.close();
                TemporaryDirectories.delete(kafkaDir.getParent());
            }
        }
    }
}
