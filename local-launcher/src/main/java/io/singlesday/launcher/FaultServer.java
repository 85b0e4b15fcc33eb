package io.singlesday.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local stack's fault switch for the chaos day, on the loopback interface only: {@code POST /faults/<target>}
 * kills a service with SIGKILL (the supervisor starts it again), stops and starts the broker, or crashes PostgreSQL
 * with an immediate stop and starts it again, then answers when the target serves again, with the outage window.
 * One fault at a time: a second request while one runs is answered 409. {@code GET /faults} lists the targets.
 */
final class FaultServer implements AutoCloseable {

    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";

    private final HttpServer server;
    private final LocalStack stack;
    private final java.util.function.Supplier<List<String>> processNames;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    private FaultServer(HttpServer server, LocalStack stack, java.util.function.Supplier<List<String>> processNames) {
        this.server = server;
        this.stack = stack;
        this.processNames = processNames;
    }

    /** {@code processNames}: what may be killed, every instance by name ({@link LocalStack#processNames()}). */
    static FaultServer start(LocalStack stack, java.util.function.Supplier<List<String>> processNames, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
            FaultServer faults = new FaultServer(server, stack, processNames);
            server.createContext("/faults", faults::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("fault-server").factory()));
            server.start();
            return faults;
        } catch (IOException e) {
            throw new UncheckedIOException("The fault switch could not listen on 127.0.0.1:" + port, e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every process by name (a service's module is its first instance, {@code order-service-2} its second), then the engines. */
    List<String> targets() {
        List<String> targets = new ArrayList<>(processNames.get());
        targets.add(KAFKA);
        targets.add(POSTGRES);
        return targets;
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Kafka loads its plugins through the context class loader, which must be the fat jar's to find them.
        Thread.currentThread().setContextClassLoader(FaultServer.class.getClassLoader());
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/faults") && method.equals("GET")) {
                answer(exchange, 200, "{\"targets\":[" + String.join(",", targets().stream().map(t -> "\"" + t + "\"").toList()) + "]}");
                return;
            }
            String target = path.startsWith("/faults/") ? path.substring("/faults/".length()) : "";
            if (!method.equals("POST") || !targets().contains(target)) {
                problem(exchange, 404, "POST /faults/<target>, the target one of " + targets());
                return;
            }
            if (!oneAtATime.tryLock()) {
                problem(exchange, 409, "another fault is still running; try again when it has answered");
                return;
            }
            try {
                answer(exchange, 200, inject(target));
            } catch (RuntimeException | LinkageError e) {
                problem(exchange, 500, target + ": " + e.getMessage());
            } finally {
                oneAtATime.unlock();
            }
        }
    }

    /** Injects one fault and waits for the target to serve again; the answer says how and for how long it was gone. */
    String inject(String target) {
        Instant at = Instant.now();
        String how;
        Instant back;
        switch (target) {
            case KAFKA -> {
                how = "broker stopped and started (it runs in the launcher's JVM, so a prompt stop, not a kill)";
                stack.restartKafka();
                back = Instant.now();
            }
            case POSTGRES -> {
                how = "immediate stop (SIGQUIT to the postmaster), started again with crash recovery";
                back = stack.crashPostgres();
            }
            default -> {
                how = "SIGKILL, started again by the supervisor";
                back = stack.killService(target);
            }
        }
        long outage = Duration.between(at, back).toMillis();
        return "{\"target\":\"" + target + "\",\"how\":\"" + how + "\",\"at\":\"" + at + "\",\"back\":\"" + back
                + "\",\"outageMs\":" + outage + "}";
    }

    /** RFC 9457, like the platform's own refusals. */
    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        String title = switch (status) {
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Internal Server Error";
        };
        String kind = switch (status) {
            case 404 -> "not-found";
            case 409 -> "conflict";
            default -> "internal";
        };
        send(exchange, status, "application/problem+json", "{\"type\":\"tag:singlesday.dev,2026:problem:" + kind + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + String.valueOf(detail).replace("\\", "/").replace('"', '\'') + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
