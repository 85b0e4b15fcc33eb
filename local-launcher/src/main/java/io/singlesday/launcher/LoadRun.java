package io.singlesday.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load tester's festival day as a child process against the gateway: the gentle day the main command plays
 * so the dashboard comes alive, and the smoke run of the end-to-end test. Its output goes to a log of its own.
 */
final class LoadRun implements AutoCloseable {

    /** A day anyone's laptop carries: two checkouts a second at the peak, the whole day in 24 minutes. */
    static final List<String> GENTLE = List.of("--peak", "2", "--compression", "60", "--minutes", "24", "--eve", "20",
            "--shoppers", "100");

    private final Process process;
    private final Path results;
    private final Path log;

    private LoadRun(Process process, Path results, Path log) {
        this.process = process;
        this.results = results;
        this.log = log;
    }

    static LoadRun start(Path home, String gatewayUrl, Path dataDir, List<String> dayOptions) {
        Path jar = home.resolve("load-tester/target/load-tester.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (./mvnw -DskipTests package)");
        }
        Path results = dataDir.resolve("load");
        Path log = dataDir.resolve("logs/load-tester.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), "day", "--target", gatewayUrl,
                "--results", results.toString()));
        command.addAll(dayOptions);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new LoadRun(process, results, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the load tester", e);
        }
    }

    /** @return the exit code (0: the verdict passed), or -1 when it was still running after {@code wait} */
    int waitFor(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    Path summary() {
        return results.resolve("summary.md");
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
