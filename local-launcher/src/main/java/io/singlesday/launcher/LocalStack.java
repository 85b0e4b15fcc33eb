package io.singlesday.launcher;

import io.singlesday.contracts.EventCatalog;
import io.singlesday.contracts.EventEnvelope;
import io.singlesday.contracts.clock.FestivalClockChanged;
import io.singlesday.contracts.topics.Topics;
import io.singlesday.localinfra.LocalKafka;
import io.singlesday.localinfra.LocalPostgres;
import io.singlesday.localinfra.SigningKey;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: Kafka and PostgreSQL in this JVM (PostgreSQL as its own server
 * process), then every service and the gateway as separate JVMs pointed at them through environment
 * variables, exactly as docker-compose and Kubernetes point them at real clusters.
 */
final class LocalStack implements AutoCloseable {

    private final StackOptions options;
    private final PrintStream out;
    private final List<ServiceProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LocalKafka kafka;
    private final Map<ServiceSpec, Map<String, String>> environments = new java.util.LinkedHashMap<>();
    private LocalPostgres postgres;
    private SigningKey signingKey;
    private Duration startupTime;
    private LocalZipkin zipkin;
    private Supervisor supervisor;
    private FaultServer faults;
    /** Held while a service is being replaced, by a deliberate restart or by the supervisor. */
    private final Object replacing = new Object();

    private LocalStack(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    static LocalStack start(StackOptions options, PrintStream out) {
        LocalStack stack = new LocalStack(options, out);
        // Stopped while starting (Ctrl-C, SIGTERM): what has started so far stops too, instead of living on orphaned.
        Thread stopWhatStarted = new Thread(stack::close, "festival-stop-while-starting");
        Runtime.getRuntime().addShutdownHook(stopWhatStarted);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWhatStarted);
            } catch (IllegalStateException alreadyStopping) {
                // the hook is running or has run
            }
        }
    }

    private void boot() {
        long started = System.nanoTime();
        Path data = options.dataDir();
        boolean firstRun = options.fresh() || !Files.isDirectory(data.resolve("postgres"));
        if (options.fresh()) {
            deleteRecursively(data);
        }
        out.printf("Starting Kafka (KRaft) and PostgreSQL, data in %s%s%n", data, firstRun ? " (fresh)" : "");
        // Own threads, not the common pool: they inherit this class loader, which Kafka needs to find its classes.
        var starter = java.util.concurrent.Executors.newFixedThreadPool(2);
        var kafkaStart = CompletableFuture.supplyAsync(() -> LocalKafka.start(data.resolve("kafka"), options.kafkaPort()), starter);
        var postgresStart = CompletableFuture.supplyAsync(() -> LocalPostgres.start(data.resolve("postgres"), options.postgresPort()), starter);
        starter.shutdown();
        signingKey = SigningKey.ensure(data.resolve("keys"));
        try {
            kafka = kafkaStart.join();
            postgres = postgresStart.join();
        } catch (RuntimeException e) {
            kafkaStart.thenAccept(LocalKafka::close);
            postgresStart.thenAccept(LocalPostgres::close);
            throw e;
        }
        kafka.createTopics(Topics.allWithDeadLetters(), 1);
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            postgres.ensureDatabase(spec.database(), spec.database(), spec.database());
        }
        if (firstRun || options.clockStart() != null) {
            publishClock();
        }
        out.printf("Engines ready after %.1f s: Kafka %s, PostgreSQL 127.0.0.1:%d%n",
                seconds(started), kafka.bootstrapServers(), postgres.port());

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        if (options.tracing()) {
            int port = options.zipkinPort() == 0 ? LocalZipkin.freePort() : options.zipkinPort();
            zipkin = LocalZipkin.start(options.home(), port, data.resolve("logs"));
            out.printf("Zipkin ready at %s%n", zipkin.url());
            common.put("TRACING_EXPORT", "true");
            common.put("TRACING_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
        }
        common.put("JWT_PUBLIC_KEY_LOCATION", "file:" + signingKey.publicKeyPem().toAbsolutePath());
        // Services that call another (the GMV counter's reconciliation calls the order service) call its first instance;
        // the gateway spreads requests over every instance (a comma-separated list, its lb:// routes).
        Map<String, String> gatewayEnv = new HashMap<>(common);
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            common.put(spec.urlVariable(), "http://localhost:" + options.portOf(spec, 1));
            gatewayEnv.put(spec.urlVariable(), String.join(",", java.util.stream.IntStream.rangeClosed(1, options.replicasOf(spec))
                    .mapToObj(i -> "http://localhost:" + options.portOf(spec, i)).toList()));
        }
        gatewayEnv.put("DEV_TOKENS_PRIVATE_KEY_LOCATION", signingKey.privateKeyPem().toAbsolutePath().toString());
        for (ServiceSpec spec : ServiceSpec.SERVICES) {
            Map<String, String> env = new HashMap<>(common);
            env.put("DB_URL", postgres.jdbcUrl(spec.database()));
            env.put("DB_USER", spec.database());
            env.put("DB_PASSWORD", spec.database());
            environments.put(spec, env);
        }
        environments.put(ServiceSpec.GATEWAY, gatewayEnv);
        // Started side by side: a first run also extracts each jar for its class-data cache, seconds apiece.
        record Instance(ServiceSpec spec, int number) {
        }
        var starting = environments.keySet().stream()
                .flatMap(spec -> java.util.stream.IntStream.rangeClosed(1, options.replicasOf(spec)).mapToObj(i -> new Instance(spec, i)))
                .map(instance -> CompletableFuture.supplyAsync(() -> startInstance(instance.spec(), instance.number(), false),
                        newThreadPerTask()))
                .toList();
        for (var process : starting) {
            try {
                processes.add(process.join());
            } catch (java.util.concurrent.CompletionException e) {
                starting.forEach(other -> other.thenAccept(p -> p.stop(Duration.ofSeconds(5))));
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        awaitReady(Duration.ofMinutes(4));
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        if (firstRun) {
            seedCatalog();
        }
        supervisor = new Supervisor(this::processes, this::startAgain, out);
        faults = FaultServer.start(this, this::processNames, options.faultPort());
    }

    /** The chaos day's fault switch, {@code http://127.0.0.1:<port>/faults}. */
    String faultUrl() {
        return "http://127.0.0.1:" + faults.port() + "/faults";
    }

    /** The supervisor's restart: the same instance, port and environment, its log continued. */
    private ServiceProcess startAgain(ServiceProcess gone) {
        synchronized (replacing) {
            if (!processes.contains(gone)) {
                return null;
            }
            // The process says how often it was started again (its readiness shows it, and the gateway's services health).
            Map<String, String> environment = new HashMap<>(environments.get(gone.spec()));
            environment.put("FESTIVAL_RESTARTS", String.valueOf(restartsOf(gone.name())));
            ServiceProcess again = startInstance(gone.spec(), gone.instance(), environment, true);
            processes.set(processes.indexOf(gone), again);
            return again;
        }
    }

    private ServiceProcess startInstance(ServiceSpec spec, int instance, boolean again) {
        return startInstance(spec, instance, environments.get(spec), again);
    }

    private ServiceProcess startInstance(ServiceSpec spec, int instance, Map<String, String> environment, boolean again) {
        return ServiceProcess.start(spec, instance, options.portOf(spec, instance), jarOf(spec), options.dataDir().resolve("logs"),
                cacheDir(), options.jvmOptionsOf(spec), environment, again);
    }

    /** How often the supervisor has started this process again since the stack started. */
    int restartsOf(String name) {
        return supervisor == null ? 0 : supervisor.restartsOf(name);
    }

    /**
     * A fresh festival needs something to sell: the catalog's demo generator, called as an operator would, but on
     * the catalog itself: a bulk job outlasts the gateway's time limit for shoppers' requests on a busy machine.
     */
    private void seedCatalog() {
        String gateway = process(ServiceSpec.GATEWAY.module()).url();
        String catalog = process("catalog-service").url();
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String token = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/dev/tokens"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"subject\":\"local-launcher\",\"role\":\"OPERATOR\"}"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            var seeded = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(catalog + "/api/catalog/demo/generate"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(StackDefaults.SEED_CATALOG)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (seeded.statusCode() != 200) {
                throw new IllegalStateException("catalog seeding answered " + seeded.statusCode() + ": " + seeded.body());
            }
            out.printf("Seeded the catalog: %s%n", seeded.body().replaceAll(",\"featuredProductIds\".*", "}"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not seed the catalog", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(processes);
        long started = System.nanoTime();
        while (!waiting.isEmpty()) {
            for (ServiceProcess p : List.copyOf(waiting)) {
                if (!p.alive()) {
                    throw new IllegalStateException(p.name() + " exited during startup. Last lines of "
                            + p.log() + ":\n" + p.tail(40));
                }
                if (p.ready()) {
                    waiting.remove(p);
                    out.printf("  %-20s ready after %5.1f s%n", p.name(), seconds(started));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + limit.toSeconds() + " s: "
                        + waiting.stream().map(p -> p.name() + " (log: " + p.log() + ")").toList());
            }
            sleep(250);
        }
    }

    private void publishClock() {
        FestivalClockChanged setting = new FestivalClockChanged(Instant.now(),
                (options.clockStart() != null ? options.clockStart() : StackDefaults.COUNTDOWN_START).toInstant(),
                options.clockSpeed(), "local-launcher");
        var envelope = EventEnvelope.wrap(EventCatalog.FESTIVAL_CLOCK_CHANGED, "clock", setting.festivalAnchor(), null, setting);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FESTIVAL_CLOCK.name(), "clock",
                    JsonMapper.builder().build().writeValueAsBytes(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not set the festival clock", e);
        }
        out.printf("Festival clock set to %s at speed %s%n", setting.festivalAnchor().atZone(StackDefaults.BEIJING),
                setting.speed());
    }

    List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /** A process by its name: a module names its first instance, {@code order-service-2} the second. */
    ServiceProcess process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process named " + name));
    }

    /** Every instance of one service, first to last. */
    List<ServiceProcess> instancesOf(String module) {
        return processes.stream().filter(p -> p.spec().module().equals(module))
                .sorted(Comparator.comparingInt(ServiceProcess::instance)).toList();
    }

    /** The names the fault switch and {@link #process} know: every instance of every service, and the gateway. */
    List<String> processNames() {
        return processes.stream().sorted(Comparator.comparing((ServiceProcess p) -> p.spec().module())
                .thenComparingInt(ServiceProcess::instance)).map(ServiceProcess::name).toList();
    }

    /** Stops one process and starts it again as it was started, as a deployment's restart would. */
    void restart(String name) {
        synchronized (replacing) {
            ServiceProcess old = process(name);
            old.stop(Duration.ofSeconds(30));
            processes.set(processes.indexOf(old), startInstance(old.spec(), old.instance(), true));
        }
        awaitReady(Duration.ofMinutes(2));
    }

    /** Stops the broker and starts it on the same port with the same data; every client sees a short outage. */
    void restartKafka() {
        int port = kafka.port();
        kafka.close();
        kafka = LocalKafka.start(options.dataDir().resolve("kafka"), port);
    }

    /**
     * Kills one service with SIGKILL and waits for the supervisor to have it ready again.
     *
     * @return when it was ready again
     */
    java.time.Instant killService(String name) {
        ServiceProcess victim = process(name);
        victim.kill();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceProcess now = process(name);
            if (now != victim && now.alive() && now.ready()) {
                return java.time.Instant.now();
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready again within 3 minutes of being killed");
    }

    /**
     * Crashes PostgreSQL as an immediate stop does (SIGQUIT to the postmaster: every backend ends at once, nothing is
     * checkpointed, the next start replays the WAL) and starts it again on the same port and data.
     *
     * @return when it accepted connections again
     */
    java.time.Instant crashPostgres() {
        synchronized (replacing) {
            Path data = options.dataDir().resolve("postgres");
            long pid;
            try {
                pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("PostgreSQL's postmaster.pid could not be read in " + data, e);
            }
            int port = postgres.port();
            signal("QUIT", pid);
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
            try {
                // Releases the data directory's lock; its stop finds no server and says so in the log.
                postgres.close();
            } catch (RuntimeException alreadyDown) {
                // nothing to stop
            }
            RuntimeException last = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    postgres = LocalPostgres.start(data, port);
                    return java.time.Instant.now();
                } catch (RuntimeException e) {
                    // Backends of the crashed server can hold its shared memory for a moment after the postmaster is gone.
                    last = e;
                    sleep(500);
                }
            }
            throw new IllegalStateException("PostgreSQL did not start again after its crash", last);
        }
    }

    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Duration startupTime() {
        return startupTime;
    }

    /** The tracing backend's address, or null when the stack runs without one. */
    String zipkinUrl() {
        return zipkin == null ? null : zipkin.url();
    }

    String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    SigningKey signingKey() {
        return signingKey;
    }

    @Override
    public void close() {
        if (faults != null) {
            faults.close();
        }
        if (supervisor != null) {
            supervisor.stop();
        }
        // Services first, all at once (a parallel stream runs two at a time on two cores), so they can still reach
        // Kafka and PostgreSQL while draining.
        processes.stream()
                .map(p -> CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(30)), newThreadPerTask()))
                .toList()
                .forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (zipkin != null) {
            zipkin.close();
        }
    }

    /** Threads made here inherit this class loader, which the fat jar needs. */
    private static java.util.concurrent.Executor newThreadPerTask() {
        return command -> Thread.ofPlatform().name("service-starter").start(command);
    }

    /** Extracted jars and class-data archives live with the data; FESTIVAL_CDS=false starts from the jars. */
    private Path cacheDir() {
        return "false".equalsIgnoreCase(System.getenv("FESTIVAL_CDS")) ? null : options.dataDir().resolve("apps");
    }

    private Path jarOf(ServiceSpec spec) {
        return options.home().resolve(spec.module()).resolve("target").resolve(spec.module() + ".jar");
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
