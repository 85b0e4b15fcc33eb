package io.singlesday.launcher.hostile;

import io.singlesday.testsupport.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Sends every kind of hostile input to every operation of every service's OpenAPI document, through the gateway,
 * and judges each answer: never a 5xx or no answer, every 4xx a problem+json naming its status, nothing of
 * Java's in any error, no error that echoes a long value back, and no write that accepts what must be refused.
 * New endpoints are covered as soon as their service documents them.
 */
public final class HostileInputCorpus {

    public record Finding(String request, int status, String why, String answer) {
        @Override
        public String toString() {
            return request + " -> " + (status == 0 ? "no answer" : status) + ": " + why
                    + (answer.isEmpty() ? "" : "\n      " + answer);
        }
    }

    public record Report(int operations, int requests, Map<Integer, Integer> statuses, List<Finding> findings) {
        public String summary() {
            return "Hostile-input corpus: " + requests + " requests over " + operations + " operations; answers by status "
                    + statuses + "; " + findings.size() + " findings";
        }
    }

    /** What an error answer must never show: Java's names, Jackson's vocabulary, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile("(java|javax|jakarta|tools\\.jackson|com\\.fasterxml"
            + "|org\\.springframework|org\\.apache|org\\.postgresql|io\\.netty|reactor\\.netty|io\\.singlesday)\\.[a-z]"
            + "|\\bat [a-z]+\\.[a-z]+\\.|[A-Za-z]+Exception\\b|JsonToken|DeserializationFeature|MapperFeature"
            + "|\\$[A-Z][A-Za-z]+|START_(ARRAY|OBJECT)|VALUE_(STRING|NUMBER)");
    private static final int MAX_ERROR_BYTES = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RawHttp http;
    private final Map<String, String> tokensByRole;
    private final HostileCases cases;
    private final int threads;

    /** Tokens by role name (SHOPPER, BRAND, OPERATOR); each operation is attacked as the first role it lets in. */
    public HostileInputCorpus(String gatewayHost, int gatewayPort, Map<String, String> tokensByRole,
                              HostileCases.Seeds seeds, int threads) {
        this.http = new RawHttp(gatewayHost, gatewayPort, Duration.ofSeconds(15));
        this.tokensByRole = tokensByRole;
        this.cases = new HostileCases(seeds, tokensByRole.values().iterator().next());
        this.threads = threads;
    }

    public static HostileCases.Seeds seeds(String productId, String skuId, String brandId, String storeId, long categoryId) {
        return new HostileCases.Seeds(productId, skuId, brandId, storeId, categoryId);
    }

    /** Service name to its OpenAPI document. */
    public Report run(Map<String, JsonNode> documents) throws InterruptedException {
        Map<String, Operation> operations = new LinkedHashMap<>();
        documents.forEach((service, document) ->
                Operation.of(service, document).forEach(op -> operations.putIfAbsent(op.label(), op)));
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (Operation op : operations.values()) {
            pool.submit(() -> {
                String token = tokenFor(op, requests, statuses, findings);
                for (HostileCase c : cases.of(op)) {
                    send(c, token, requests, statuses, findings);
                }
            });
        }
        for (HostileCase c : GatewayCases.all(tokensByRole.get("SHOPPER"))) {
            pool.submit(() -> send(c, null, requests, statuses, findings));
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            findings.add(new Finding("the corpus", 0, "did not finish within 10 minutes", ""));
        }
        return new Report(operations.size(), requests.get(), new TreeMap<>(statuses), List.copyOf(findings));
    }

    private String tokenFor(Operation op, AtomicInteger requests, Map<Integer, Integer> statuses, List<Finding> findings) {
        HostileCase probe = cases.probe(op);
        for (String token : tokensByRole.values()) {
            RawHttp.Answer answer = send(probe, token, requests, statuses, findings);
            if (answer.status() != 401 && answer.status() != 403) {
                return token;
            }
        }
        return tokensByRole.get("OPERATOR");
    }

    private RawHttp.Answer send(HostileCase c, String token, AtomicInteger requests, Map<Integer, Integer> statuses,
                                List<Finding> findings) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null && !c.headers().containsKey("Authorization")) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (c.body() != null && !c.headers().containsKey("Content-Type")) {
            headers.put("Content-Type", "application/json");
        }
        if (c.operation() != null && c.method().equals("POST") && c.operation().path().equals("/api/orders")
                && !c.headers().containsKey("Idempotency-Key")) {
            headers.put("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        headers.putAll(c.headers());
        RawHttp.Answer answer = sendOnce(c, headers);
        requests.incrementAndGet();
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.failure() == null && answer.status() == 503 && answer.header("Retry-After") != null) {
            // "Come back shortly" is what a client is told when a service could not be reached (a connection the
            // service closed under the gateway, seen once in CI); input that causes it would cause it again.
            sleep(300);
            answer = sendOnce(c, headers);
            requests.incrementAndGet();
            statuses.merge(answer.status(), 1, Integer::sum);
        }
        for (String why : judge(c, answer)) {
            findings.add(new Finding(c.describe(), answer.status(), why, shorten(answer.body())));
        }
        return answer;
    }

    private RawHttp.Answer sendOnce(HostileCase c, Map<String, String> headers) {
        return c.body() == null && c.method().equals("RAW") ? http.sendBytes(c.pathAndQuery()
                .getBytes(StandardCharsets.ISO_8859_1)) : http.send(c.method(), c.pathAndQuery(), headers, c.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> judge(HostileCase c, RawHttp.Answer answer) {
        List<String> why = new ArrayList<>();
        if (answer.failure() != null) {
            why.add(answer.failure());
            return why;
        }
        int status = answer.status();
        if (status >= 500) {
            why.add("a server error");
        }
        if (c.mustRefuse() && !c.method().equals("GET") && status < 400) {
            why.add("a write accepted input that must be refused");
        }
        if ((status == 429 || status == 503) && answer.header("Retry-After") == null) {
            why.add("no Retry-After");
        }
        if (status >= 400) {
            String type = answer.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                why.add("not problem+json (" + type + ")");
            } else {
                try {
                    JsonNode problem = JSON.readTree(answer.body());
                    if (problem.path("status").asInt() != status || problem.path("title").asString("").isBlank()) {
                        why.add("problem without its status or title");
                    }
                } catch (RuntimeException e) {
                    why.add("problem+json that is not JSON");
                }
            }
            if (INTERNALS.matcher(answer.body()).find()) {
                why.add("internals in the answer (" + matchOf(answer.body()) + ")");
            }
            if (answer.body().getBytes(StandardCharsets.UTF_8).length > MAX_ERROR_BYTES) {
                why.add("an error answer of " + answer.body().length() + " characters");
            }
        }
        return why;
    }

    private static String matchOf(String body) {
        var matcher = INTERNALS.matcher(body);
        return matcher.find() ? body.substring(Math.max(0, matcher.start() - 20), Math.min(body.length(), matcher.end() + 20))
                : "";
    }

    private static String shorten(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
