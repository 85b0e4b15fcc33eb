package io.singlesday.localinfra;

import io.singlesday.contracts.topics.Topic;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka (broker and controller in one), from the Kafka jars on the classpath. Its log
 * directory is formatted once and survives restarts, so topics and committed offsets persist between runs.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CLUSTER_ID = "c2luZ2xlc2RheS0xMTExAA";

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on {@code port} (0 picks a free one) with its data in {@code dir}. */
    public static LocalKafka start(Path dir, int port) {
        int brokerPort = FreePorts.pick(port);
        int controllerPort = FreePorts.pick(0);
        try {
            Path logDir = dir.resolve("kraft-logs");
            Files.createDirectories(logDir);
            Properties config = brokerConfig(logDir, brokerPort, controllerPort);
            Path configFile = dir.resolve("server.properties");
            try (Writer out = Files.newBufferedWriter(configFile)) {
                config.store(out, "written by LocalKafka on every start");
            }
            format(configFile);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            LocalKafka kafka = new LocalKafka(server, brokerPort);
            kafka.awaitReady();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Collection<Topic> topics, int replication) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) replication).configs(t.compacted()
                            ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                            : Map.of()))
                    .toList();
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics on " + bootstrapServers(), e);
        }
    }

    /**
     * A topic is created before its partitions have leaders; a producer that starts in between gets
     * NOT_LEADER_OR_FOLLOWER and, with idempotence, can stall in sequence errors. Returning only once every
     * partition has a leader makes "topics created" mean "topics usable".
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!names.isEmpty()) {
            boolean allLed = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (allLed) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions without a leader after 30 s: " + names);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops the broker, waiting at most {@code patience}. Once a KRaft shutdown was seen to spin in its metadata log
     * for minutes, which kept the launcher (and PostgreSQL after it) from stopping at all; a broker that does not stop
     * in time is left to the process's exit, and its logs are recovered at the next start.
     */
    public void close(Duration patience) {
        Thread stopping = Thread.ofPlatform().daemon().name("kafka-stop").start(() -> {
            server.shutdown();
            server.awaitShutdown();
        });
        try {
            if (!stopping.join(patience)) {
                System.err.println("Kafka did not stop within " + patience.toSeconds() + " s; leaving it to the exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers(), e);
        }
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[]{"format", "--cluster-id", CLUSTER_ID,
                "--config", configFile.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static Properties brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // One broker: every internal topic must make do with one replica, or transactions and Streams hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "12");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "12");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default dedupe buffer reserves 128 MiB of heap for a laptop-sized log.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        // The controller appends a no-op record to the metadata log every 500 ms by default so that followers see it
        // alive; with no other voter or broker to tell, that is a write, a raft round and a metadata publish twice a
        // second on an idle machine. Every 5 s is enough for the one broker it shares the JVM with.
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }
}
