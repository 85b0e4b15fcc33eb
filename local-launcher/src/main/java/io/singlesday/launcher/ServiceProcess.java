package io.singlesday.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as its own JVM, its output in a log file of its own. */
final class ServiceProcess {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final int instance;
    private final int port;
    private final Path log;
    private final Process process;
    private final long startedAt = System.nanoTime();
    private volatile boolean stopping;

    private ServiceProcess(ServiceSpec spec, int instance, int port, Path log, Process process) {
        this.spec = spec;
        this.instance = instance;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * {@code instance}: which of the service's instances, from 1; the first alone writes the class-data archive that
     * all of them map. {@code again}: a restart, whose output goes on in the same log after the last run's.
     */
    static ServiceProcess start(ServiceSpec spec, int instance, int port, Path jar, Path logDir, Path cacheDir,
                                String jvmOptions, Map<String, String> environment, boolean again) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        command.add(java);
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.addAll(cacheDir == null ? List.of("-jar", jar.toString()) : ClassDataCache.launch(java, jar, cacheDir, instance == 1));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name(spec, instance) + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            return new ServiceProcess(spec, instance, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.module(), e);
        }
    }

    ServiceSpec spec() {
        return spec;
    }

    /** The service's module for its first instance, {@code order-service-2} for the second, and so on. */
    String name() {
        return name(spec, instance);
    }

    static String name(ServiceSpec spec, int instance) {
        return instance == 1 ? spec.module() : spec.module() + "-" + instance;
    }

    int instance() {
        return instance;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Gone without being asked to stop: a crash, an out-of-memory exit, a kill from outside. */
    boolean exitedUnexpectedly() {
        return !stopping && !process.isAlive();
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + spec.readinessPath()))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory in KiB from /proc, or -1 where there is none (macOS). */
    long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, as a crash would end it: no shutdown hook runs, and the supervisor sees an unexpected exit. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a graceful shutdown (SIGTERM) and waits; kills what does not stop in time. */
    void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
