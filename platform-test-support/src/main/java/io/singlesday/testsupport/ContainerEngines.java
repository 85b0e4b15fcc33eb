package io.singlesday.testsupport;

import io.singlesday.contracts.topics.Topic;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.localinfra.SigningKey;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The same engines as containers, for machines with a Docker engine. Started once, stopped by Ryuk. */
final class ContainerEngines implements Engines {

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final SigningKey signingKey;

    private ContainerEngines(KafkaContainer kafka, PostgreSQLContainer postgres, SigningKey signingKey) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.signingKey = signingKey;
    }

    static Engines start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:18-alpine")
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        kafka.start();
        postgres.start();
        try {
            ContainerEngines engines = new ContainerEngines(kafka, postgres,
                    SigningKey.ensure(Files.createTempDirectory("festival-test-keys")));
            engines.createTopics();
            return engines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBootstrapServers()))) {
            admin.createTopics(Topics.allWithDeadLetters().stream().map(ContainerEngines::newTopic).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics in the Kafka container", e);
        }
    }

    private static NewTopic newTopic(Topic topic) {
        return new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.compacted()
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of());
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public synchronized void ensureDatabase(String database) {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
             var sql = connection.createStatement()) {
            var exists = sql.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                sql.execute("create role " + database + " login password '" + database + "'");
                sql.execute("create database " + database + " owner " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public SigningKey signingKey() {
        return signingKey;
    }

    @Override
    public String description() {
        return "Testcontainers Kafka at " + kafka.getBootstrapServers() + ", PostgreSQL at " + postgres.getJdbcUrl();
    }
}
