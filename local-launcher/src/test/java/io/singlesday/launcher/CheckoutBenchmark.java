package io.singlesday.launcher;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #4's figures: checkouts end to end through the gateway on the whole local stack (seven JVMs, Kafka and
 * PostgreSQL on this machine), as an open workload (requests start on schedule whether or not earlier ones have
 * answered). Placement answer latency (202), placement to confirmed latency ({@code Prefer: wait}), at a steady
 * rate and in a midnight burst. Not part of the suite:
 * {@code ./mvnw -q package -DskipTests && ./mvnw -pl local-launcher -Pbenchmark test [-Dbenchmark.rate=100]}.
 */
class CheckoutBenchmark {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final Pattern SKU = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"code\":\"[^\"]*\",\"label\":\"[^\"]*\","
            + "\"price\":\\{[^}]*\\},\"available\":(\\d+)");

    private String gateway;

    @Test
    void checkoutsEndToEnd() throws Exception {
        int rate = Integer.getInteger("benchmark.rate", 100);
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        int burst = Integer.getInteger("benchmark.burst", 2000);
        String jvm = System.getProperty("benchmark.jvm", "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
        Path home = Path.of(System.getProperty("festival.home", "..")).toAbsolutePath().normalize();
        Map<String, Integer> ports = new HashMap<>();
        ports.put(ServiceSpec.GATEWAY.module(), freePort());
        ServiceSpec.SERVICES.forEach(s -> ports.put(s.module(), freePort()));
        Path data = Files.createTempDirectory("festival-bench");
        StackOptions options = new StackOptions(home, data, true, 0, 0, ports,
                null, 1.0, jvm, System.getProperty("benchmark.gateway.jvm", jvm), StackOptions.NO_TRACING, 0, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LocalStack stack = LocalStack.start(options, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            gateway = stack.process(ServiceSpec.GATEWAY.module()).url();
            List<String> skus = skus(400);
            System.out.printf("benchmark: %d SKUs, JVM options %s%n", skus.size(), jvm);
            run("warm-up", skus, 20, 20, true);
            report(run("steady, placement answer (202)", skus, rate, seconds, false));
            report(run("steady, placed to confirmed (Prefer: wait=30)", skus, rate, seconds, true));
            report(run("midnight burst, placed to confirmed", skus, burst, 1, true));
        } finally {
            io.singlesday.testsupport.TemporaryDirectories.delete(data);
        }
    }

    private record Result(String name, int sent, long[] latenciesMicros, int confirmed, int cancelled, int failed,
                          double wallSeconds, int offeredRate, Map<String, Integer> failures) {
    }

    private Result run(String name, List<String> skus, int perSecond, int seconds, boolean wait) throws Exception {
        String token = token("bench-" + UUID.randomUUID());
        int total = perSecond * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        int[] outcomes = new int[3];
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        long[] lastAnswer = {start};
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                String body = order(skus);
                senders.execute(() -> {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> answer = post(token, body, wait);
                        long now = System.nanoTime();
                        latencies.add((now - sent) / 1000);
                        synchronized (outcomes) {
                            lastAnswer[0] = Math.max(lastAnswer[0], now);
                            String state = answer.body().contains("\"state\":\"CONFIRMED\"") ? "C"
                                    : answer.body().contains("\"state\":\"CANCELLED\"") ? "X"
                                    : answer.statusCode() == 202 ? "C" : "F";
                            outcomes["CXF".indexOf(state)]++;
                        }
                        if (answer.statusCode() >= 300) {
                            failures.merge(answer.statusCode() + " " + answer.body().replaceAll(".*\"detail\":\"([^\"]{0,60}).*", "$1"),
                                    1, Integer::sum);
                        }
                    } catch (Exception e) {
                        synchronized (outcomes) {
                            outcomes[2]++;
                        }
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                });
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(name, total, sorted, outcomes[0], outcomes[1], outcomes[2], (lastAnswer[0] - start) / 1e9, perSecond, failures);
    }

    private static void report(Result r) {
        System.out.printf("benchmark: %-48s offered %5d/s x %5d | ok %5d cancelled %4d failed %4d | %7.1f /s done | "
                        + "p50 %7.1f ms p90 %7.1f ms p99 %7.1f ms max %7.1f ms%n",
                r.name(), r.offeredRate(), r.sent(), r.confirmed(), r.cancelled(), r.failed(),
                r.confirmed() / r.wallSeconds(), pct(r, 0.50), pct(r, 0.90), pct(r, 0.99),
                r.latenciesMicros().length == 0 ? 0 : r.latenciesMicros()[r.latenciesMicros().length - 1] / 1000.0);
        if (!r.failures().isEmpty()) {
            System.out.printf("benchmark:   failures %s%n", r.failures());
        }
    }

    private static double pct(Result r, double p) {
        long[] l = r.latenciesMicros();
        return l.length == 0 ? 0 : l[(int) Math.min(l.length - 1, Math.ceil(p * l.length) - 1)] / 1000.0;
    }

    private String order(List<String> skus) {
        String sku = skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
        return """
                {"lines":[{"skuId":"%s","quantity":1}],"channel":"APP","address":{"recipient":"Bench","street":"1 Road",
                 "city":"Hangzhou","province":"Zhejiang","latitude":30.27,"longitude":120.15}}""".formatted(sku);
    }

    private HttpResponse<String> post(String token, String body, boolean wait) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/api/orders"))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (wait) {
            request.header("Prefer", "wait=30");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SKUs of seeded products with stock, once the order service's read model knows them. */
    private List<String> skus(int wanted) throws Exception {
        List<String> skus = new ArrayList<>();
        String after = "";
        while (skus.size() < wanted) {
            String page = get("/api/catalog/products?limit=100" + after);
            Matcher ids = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"title\"").matcher(page);
            while (ids.find() && skus.size() < wanted) {
                Matcher sku = SKU.matcher(get("/api/catalog/products/" + ids.group(1)));
                if (sku.find() && Integer.parseInt(sku.group(2)) >= 200) {
                    skus.add(sku.group(1));
                }
            }
            Matcher next = Pattern.compile("\"next\":\"([0-9a-f-]{36})\"").matcher(page);
            if (!next.find()) {
                break;
            }
            after = "&after=" + next.group(1);
        }
        // The order service learns products from events; a fresh catalog of 10,000 takes it a while.
        String probe = token("probe");
        long deadline = System.currentTimeMillis() + 600_000;
        for (String sku : skus) {
            while (System.currentTimeMillis() < deadline && send("PUT", "/api/orders/cart/items/" + sku, probe,
                    "{\"quantity\":1}").statusCode() != 200) {
                Thread.sleep(500);
            }
            send("DELETE", "/api/orders/cart/items/" + sku, probe, null); // a cart holds at most 100 SKUs
        }
        Collections.shuffle(skus);
        return skus;
    }

    private String token(String subject) throws Exception {
        String body = send("POST", "/dev/tokens", null, "{\"subject\":\"" + subject + "\",\"role\":\"SHOPPER\"}").body();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private String get(String path) throws Exception {
        return send("GET", path, null, null).body();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
