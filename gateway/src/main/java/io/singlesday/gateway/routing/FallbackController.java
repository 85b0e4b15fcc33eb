package io.singlesday.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.singlesday.gateway.errors.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeoutException;

/**
 * Where an open circuit, a refused connection or a timeout lands: a prompt problem answer instead of a hang.
 * A timeout says 504, because the service may still finish the work; anything else says 503.
 */
@RestController
public class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final ProblemWriter problems;

    public FallbackController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null) {
            // Asked for from outside, not forwarded here by a route's breaker: there is no outage to report.
            return problems.write(exchange, HttpStatus.NOT_FOUND, "No such resource");
        }
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (cause != null && !(cause instanceof CallNotPermittedException)) {
            // What opened (or is opening) the circuit; an open circuit's own refusals would only repeat it.
            log.warn("Call to {} failed: {}: {}", service, cause.getClass().getName(), cause.getMessage());
        }
        exchange.getResponse().getHeaders().set("Retry-After", "1");
        if (cause instanceof TimeoutException) {
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
                    service + " did not answer in time; retry with the same Idempotency-Key");
        }
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable right now");
    }
}
