package io.singlesday.loadtest.gatling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.singlesday.loadtest.LoadTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real tester, Gatling and all, against a stub stack whose checkout answers 503 or hangs up without an answer:
 * every attempt the stub saw, retries included, must be in the summary, and the verdict must fail. This is what the
 * tally once hid (a failed check left the retry loop before the attempt was recorded).
 */
class FailingStackRunTest {

    private HttpServer stub;
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger hungUp = new AtomicInteger();
    private final AtomicInteger shed = new AtomicInteger();
    private volatile String mode = "503";

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
        List.of("target", "peak", "compression", "minutes", "eve", "shoppers", "steady", "summary.file")
                .forEach(System::clearProperty);
    }

    @Test
    void everyFailedAttemptIsCountedAndFailsTheVerdict(@TempDir Path results) throws Exception {
        mode = "503-or-hang-up";
        int exit = runAgainstStub(results);

        String summary = Files.readString(results.resolve("summary.md"));
        assertThat(unavailable.get()).isPositive();
        assertThat(hungUp.get()).isPositive();
        Matcher line = Pattern.compile("\\| checkout \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|").matcher(summary);
        assertThat(line.find()).as(summary).isTrue();
        long attempts = Long.parseLong(line.group(1));
        long serverErrors = Long.parseLong(line.group(5));
        long noAnswer = Long.parseLong(line.group(6));
        // Every 503 the stub sent is in the summary, retried ones too; so is every try of every shopper.
        assertThat(serverErrors).as("5xx").isEqualTo(unavailable.get());
        assertThat(Long.parseLong(line.group(2))).as("ok").isZero();
        assertThat(noAnswer).as("no answer").isPositive();
        assertThat(attempts).isEqualTo(serverErrors + noAnswer);
        Matcher users = Pattern.compile("- Checkouts: (\\d+) shoppers pressed pay, (\\d+) tries").matcher(summary);
        assertThat(users.find()).isTrue();
        assertThat(attempts).isEqualTo(4 * Long.parseLong(users.group(1)));
        // Gatling's client resends once, on a new connection, a request whose kept-alive connection closed before any
        // answer (as browsers do); so the stub may have seen more requests than there were attempts, never fewer.
        assertThat((long) unavailable.get() + hungUp.get()).isGreaterThanOrEqualTo(attempts);
        assertThat(summary).contains("## Verdict: FAILED").contains("- [ ] no server errors and every request answered");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void aShedCheckoutIsRetriedAfterItsRetryAfterAndIsNoError(@TempDir Path results) throws Exception {
        mode = "429";
        int exit = runAgainstStub(results);

        String summary = Files.readString(results.resolve("summary.md"));
        Matcher line = Pattern.compile("\\| checkout \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|").matcher(summary);
        assertThat(line.find()).as(summary).isTrue();
        assertThat(Long.parseLong(line.group(1))).as("attempts").isEqualTo(shed.get());
        assertThat(Long.parseLong(line.group(4))).as("429").isEqualTo(shed.get());
        // Each shopper tried every time, with the same key: a shed is retried, never dropped.
        Matcher users = Pattern.compile("- Checkouts: (\\d+) shoppers pressed pay, (\\d+) tries").matcher(summary);
        assertThat(users.find()).isTrue();
        assertThat(Long.parseLong(users.group(2))).isEqualTo(4 * Long.parseLong(users.group(1)));
        assertThat(summary).contains("- [x] no server errors and every request answered");
        // No checkout was ever accepted, so nothing settles; the data checks decide, not the 429s.
        assertThat(exit).isIn(0, 1);
    }

    private int runAgainstStub(Path results) throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        stub.setExecutor(Executors.newFixedThreadPool(16));
        stub.createContext("/", this::answer);
        stub.start();
        return LoadTester.day(new String[]{"--target", "http://127.0.0.1:" + stub.getAddress().getPort(), "--steady", "4",
                "--minutes", "0.05", "--shoppers", "3", "--results", results.toString()});
    }

    private void answer(HttpExchange call) throws IOException {
        String method = call.getRequestMethod();
        String path = call.getRequestURI().getPath();
        if (method.equals("POST") && path.equals("/api/orders")) {
            switch (mode) {
                case "429" -> {
                    shed.incrementAndGet();
                    call.getResponseHeaders().add("Retry-After", "0");
                    send(call, 429, "{\"status\":429,\"title\":\"Too Many Requests\"}");
                }
                default -> {
                    if ((unavailable.get() + hungUp.get()) % 3 == 2) {
                        hungUp.incrementAndGet();
                        // No status line at all: the connection ends under the caller.
                        call.close();
                    } else {
                        unavailable.incrementAndGet();
                        send(call, 503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
                    }
                }
            }
            return;
        }
        String body = switch (method + " " + path) {
            case "POST /dev/tokens" -> "{\"token\":\"stub-token\"}";
            case "GET /api/clock" -> "{\"festivalTime\":\"2026-11-10T23:59:00+08:00\",\"speed\":1}";
            case "GET /api/catalog/products" -> "{\"items\":[{\"id\":\"product-1\"}]}";
            case "GET /api/catalog/products/product-1" -> "{\"skus\":[{\"id\":\"sku-1\",\"available\":100}]}";
            case "GET /api/gmv/reconciliation" -> "{\"matches\":true}";
            default -> path.startsWith("/api/coupons/campaigns/") ? "{\"issued\":0}"
                    : path.startsWith("/api/livestreams/drops/") ? "{\"granted\":0}" : "{\"id\":\"stub-id\"}";
        };
        if (method.equals("DELETE")) {
            call.sendResponseHeaders(204, -1);
            call.close();
            return;
        }
        int status = method.equals("POST") && !path.endsWith("/start") && !path.equals("/dev/tokens") ? 201 : 200;
        send(call, status, body);
    }

    private static void send(HttpExchange call, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        call.getResponseHeaders().add("Content-Type", "application/json");
        call.sendResponseHeaders(status, bytes.length);
        call.getResponseBody().write(bytes);
        call.close();
    }
}
