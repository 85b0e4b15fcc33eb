package io.singlesday.gateway.admission;

import com.netflix.concurrency.limits.Limiter;
import io.singlesday.gateway.errors.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.util.Optional;

/**
 * Admission at the front door, before the token is even checked, so a shed request costs almost nothing: 429
 * problem+json with a jittered Retry-After at once, never a queue. What is admitted tells the limiter how it went:
 * its time in the system when it succeeded, a drop when the service failed or shed it itself (the limit shrinks),
 * nothing when the caller went away.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AdmissionWebFilter implements WebFilter {

    private final Admission admission;
    private final AdmissionProperties settings;
    private final ProblemWriter problems;

    public AdmissionWebFilter(Admission admission, AdmissionProperties settings, ProblemWriter problems) {
        this.admission = admission;
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Priority priority = Priority.of(exchange.getRequest());
        if (!settings.enabled() || priority == Priority.BYPASS) {
            return chain.filter(exchange);
        }
        String service = Priority.serviceOf(exchange.getRequest().getPath().pathWithinApplication().value());
        Optional<Limiter.Listener> permit = admission.tryAdmit(service, priority);
        if (permit.isEmpty()) {
            int seconds = admission.retryAfterSeconds(service);
            exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "The " + service
                    + " service is at capacity; nothing was done. Retry after " + seconds + " s with the same Idempotency-Key");
        }
        Limiter.Listener listener = permit.get();
        return chain.filter(exchange).doFinally(signal -> {
            if (signal == SignalType.CANCEL) {
                listener.onIgnore();
                return;
            }
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                // A service's own refusal (a comment flood, a per-SKU limit) says nothing about the time in system.
                listener.onIgnore();
            } else if (signal == SignalType.ON_ERROR || status == null || status.is5xxServerError()) {
                listener.onDropped();
            } else {
                listener.onSuccess();
            }
        });
    }
}
