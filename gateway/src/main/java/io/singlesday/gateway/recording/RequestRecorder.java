package io.singlesday.gateway.recording;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records every routed request for replay: when it arrived, the route, method, path and query, who called (the
 * token's subject, role and brand, never the token itself), the Idempotency-Key, Prefer and Content-Type
 * headers, the body (up to 64 KiB) and the status answered. Format: docs/load-testing.md.
 */
public class RequestRecorder implements GlobalFilter, Ordered {

    static final int MAX_BODY = 64 * 1024;

    private final RecordingFile file;
    private final JsonMapper json;

    public RequestRecorder(RecordingFile file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Instant at = Instant.now();
        long started = System.nanoTime();
        return ServerWebExchangeUtils.cacheRequestBody(exchange, request -> {
            ServerWebExchange cached = exchange.mutate().request(request).build();
            return chain.filter(cached)
                    .then(cached.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty()))
                    .doOnNext(principal -> record(cached, request, principal.orElse(null), at, started))
                    .then();
        });
    }

    private void record(ServerWebExchange exchange, ServerHttpRequest request, Principal principal, Instant at,
                        long started) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", 1);
        line.put("at", at.toString());
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        line.put("route", route == null ? null : route.getId());
        line.put("method", request.getMethod().name());
        String query = request.getURI().getRawQuery();
        line.put("path", request.getURI().getRawPath() + (query == null ? "" : "?" + query));
        if (principal instanceof JwtAuthenticationToken jwt) {
            line.put("subject", jwt.getToken().getSubject());
            List<String> roles = jwt.getToken().getClaimAsStringList("roles");
            line.put("role", roles == null || roles.isEmpty() ? null : roles.getFirst());
            line.put("brandId", jwt.getToken().getClaimAsString("brand_id"));
        }
        HttpHeaders headers = request.getHeaders();
        line.put("idempotencyKey", headers.getFirst("Idempotency-Key"));
        line.put("prefer", headers.getFirst("Prefer"));
        line.put("contentType", headers.getFirst(HttpHeaders.CONTENT_TYPE));
        DataBuffer body = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
        if (body != null && body.readableByteCount() > 0) {
            int size = body.readableByteCount();
            if (size > MAX_BODY) {
                line.put("bodyTruncated", true);
            } else {
                byte[] bytes = new byte[size];
                body.toByteBuffer(0, java.nio.ByteBuffer.wrap(bytes), 0, size);
                line.put("body", new String(bytes, StandardCharsets.UTF_8));
            }
        }
        line.put("status", exchange.getResponse().getStatusCode() == null ? null
                : exchange.getResponse().getStatusCode().value());
        line.put("millis", (System.nanoTime() - started) / 1_000_000);
        file.append(json.writeValueAsString(line));
    }

    /** After the routing filters have chosen the route, before the request leaves for the service. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
