package io.singlesday.launcher.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests the gateway or a service's HTTP server refuses before any operation sees them: broken paths and
 * escapes, request lines and headers past their limits, control characters and raw UTF-8 in headers, unknown
 * methods. Their answers must be problem+json like every other refusal.
 */
final class GatewayCases {

    private static final List<String> PATHS = List.of("/api/catalog/products", "/api/orders", "/api/coupons/wallet",
            "/api/livestreams/leaderboard", "/api/logistics/parcels", "/api/gmv/public/summary");

    private GatewayCases() {
    }

    static List<HostileCase> all(String token) {
        List<HostileCase> cases = new ArrayList<>();
        for (String path : PATHS) {
            Operation op = new Operation("gateway", "GET", path, List.of(), null, null);
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            cases.add(get(op, "dot segments", path + "/../../actuator/env", auth));
            cases.add(get(op, "encoded dot segments", path + "/%2e%2e/%2e%2e/actuator/env", auth));
            cases.add(get(op, "path parameter", path + ";jsessionid=1", auth));
            cases.add(get(op, "NUL in the path", path + "/%00", auth));
            cases.add(get(op, "malformed escape in the path", path + "/%ZZ", auth));
            cases.add(get(op, "malformed escape in the query", path + "?q=%ZZ", auth));
            cases.add(get(op, "brackets in the query", path + "?q=[x]", auth));
            cases.add(get(op, "raw UTF-8 in the query", path + "?q=\u00c3\u00a9", auth));
            cases.add(get(op, "request line of 20,000 characters", path + "?q=" + "x".repeat(20_000), auth));
            cases.add(get(op, "header of 40,000 characters", path, with(auth, "X-Filler", "x".repeat(40_000))));
            Map<String, String> many = new LinkedHashMap<>(auth);
            for (int i = 0; i < 150; i++) {
                many.put("X-Many-" + i, "v");
            }
            cases.add(get(op, "150 headers", path, many));
            cases.add(get(op, "control character in a header", path, with(auth, "X-Test", "a\u0001b")));
            cases.add(get(op, "raw UTF-8 in a header", path, with(auth, "X-Test", "ключ")));
            cases.add(new HostileCase(op, "unknown method", "BREW", path, auth, null, false));
            cases.add(new HostileCase(op, "TRACE", "TRACE", path, auth, null, false));
            cases.add(raw(op, "request line without a version", "GET " + path + "\r\n\r\n"));
            cases.add(raw(op, "HTTP/1.1 without Host", "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n"));
            cases.add(raw(op, "two Content-Length headers", "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}"));
        }
        Operation checkout = new Operation("gateway", "POST", "/api/orders", List.of(), null, null);
        cases.add(new HostileCase(checkout, "raw UTF-8 Idempotency-Key", "POST", "/api/orders",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json", "Idempotency-Key", "ключ-1"),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), true));
        return cases;
    }

    private static HostileCase get(Operation op, String kind, String target, Map<String, String> headers) {
        return new HostileCase(op, kind, "GET", target, headers, null, false);
    }

    private static HostileCase raw(Operation op, String kind, String request) {
        return new HostileCase(op, kind, "RAW", request, Map.of(), null, false);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
