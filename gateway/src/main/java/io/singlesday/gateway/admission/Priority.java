package io.singlesday.gateway.admission;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who goes first when capacity is short: money first (paying, placing a checkout, buying in a live drop), then the
 * other writes, then reads (browse, search, dashboards), which are shed first. Streams and the gateway's own
 * endpoints are not admitted work: they bypass the limit.
 */
enum Priority {
    CHECKOUT, WRITE, READ, BYPASS;

    private static final Pattern CHECKOUT_PATHS = Pattern.compile(
            "/api/orders|/api/orders/checkouts/[^/]+/(pay|cancel)|/api/livestreams/drops/[^/]+/purchases"
                    + "|/api/livestreams/group-deals/[^/]+/joins");
    private static final Pattern STREAMS = Pattern.compile(
            "/api/gmv(/public)?/stream|/api/orders/notifications/stream|/api/livestreams/sessions/[^/]+/stream");

    /** The services behind the gateway's routes; any other path is the gateway's own or a 404, not admitted work. */
    static final Set<String> SERVICES = Set.of("catalog", "orders", "coupons", "livestreams", "logistics", "gmv");

    static Priority of(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/") && !path.startsWith("/dashboard") || STREAMS.matcher(path).matches()
                || !SERVICES.contains(serviceOf(path))) {
            return BYPASS;
        }
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return READ;
        }
        return CHECKOUT_PATHS.matcher(path).matches() ? CHECKOUT : WRITE;
    }

    /** The service a path belongs to: each has its own limit, so one slow service cannot take the others' share. */
    static String serviceOf(String path) {
        if (path.startsWith("/dashboard") || path.equals("/api/clock")) {
            return "gmv";
        }
        int end = path.indexOf('/', "/api/".length());
        return end < 0 ? path.substring("/api/".length()) : path.substring("/api/".length(), end);
    }
}
