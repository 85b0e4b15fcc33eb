package io.singlesday.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Zipkin's own server (the executable jar from Maven Central, copied next to the launcher at build time) as a
 * process of its own, keeping spans in memory: the tracing backend of {@code ./festival --tracing}.
 */
final class LocalZipkin implements AutoCloseable {

    /** Spans kept before the oldest are dropped: a long day at full load stays within the heap below. */
    private static final String MAX_SPANS = "200000";

    private final Process process;
    private final int port;

    private LocalZipkin(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Path jar(Path home) {
        return home.resolve("local-launcher/target/zipkin/zipkin-server.jar");
    }

    static LocalZipkin start(Path home, int port, Path logDir) {
        Path jar = jar(home);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No Zipkin server at " + jar + "; build the launcher first (./mvnw package)");
        }
        try {
            Files.createDirectories(logDir);
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("zipkin.log").toFile());
            builder.environment().put("QUERY_PORT", String.valueOf(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            builder.environment().put("MEM_MAX_SPANS", MAX_SPANS);
            LocalZipkin zipkin = new LocalZipkin(builder.start(), port);
            zipkin.awaitHealthy(Duration.ofSeconds(90));
            return zipkin;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Zipkin: " + e.getMessage(), e);
        }
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String spansEndpoint() {
        return url() + "/api/v2/spans";
    }

    private void awaitHealthy(Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zipkin exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Zipkin started", e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Zipkin was not healthy within " + limit.toSeconds() + " s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
