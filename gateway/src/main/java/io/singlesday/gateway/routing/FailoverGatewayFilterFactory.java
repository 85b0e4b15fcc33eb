package io.singlesday.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;

/**
 * {@code Failover}: a request that could not be served by one instance is sent to another (the load balancer leaves
 * an instance whose connection failed out for a rest, {@link RestingInstances}). What may be sent again decides
 * how far this goes. A request that never reached any instance (the connection was refused) is always repeatable. A
 * read, or a write that carries an {@code Idempotency-Key} (the services answer its repeat with the first answer), is
 * repeated after any I/O failure, a connection lost mid-answer included. A write without a key that may have reached
 * its instance is not: doing it twice could be worse than an honest 503.
 *
 * <p>Built on Spring Cloud Gateway's {@code Retry} filter, which keeps the request body for a repeat; it has no
 * per-request condition, hence two of them and the choice here. Only failures are repeated, never answers: a
 * service's own 503 stays its answer.
 */
@Component
public class FailoverGatewayFilterFactory extends AbstractGatewayFilterFactory<FailoverGatewayFilterFactory.Config> {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final RetryGatewayFilterFactory retry;

    public FailoverGatewayFilterFactory(RetryGatewayFilterFactory retry) {
        super(Config.class);
        this.retry = retry;
    }

    /** @param retries further instances tried after the first (at least 1) */
    public record Config(Integer retries) {

        public Config {
            if (retries != null && retries < 1) {
                throw new IllegalArgumentException("Failover's retries must be at least 1, not " + retries);
            }
        }

        int retriesOrDefault() {
            return retries == null ? 3 : retries;
        }
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("retries");
    }

    @Override
    public GatewayFilter apply(Config config) {
        GatewayFilter afterAnyFailure = retry.apply(retryOn(config, IOException.class));
        GatewayFilter afterARefusal = retry.apply(retryOn(config, ConnectException.class));
        return (exchange, chain) -> repeatable(exchange.getRequest())
                ? afterAnyFailure.filter(exchange, chain)
                : afterARefusal.filter(exchange, chain);
    }

    static boolean repeatable(ServerHttpRequest request) {
        return SAFE.contains(request.getMethod()) || request.getHeaders().containsHeader(IDEMPOTENCY_KEY);
    }

    @SafeVarargs
    private static RetryConfig retryOn(Config config, Class<? extends Throwable>... failures) {
        RetryConfig retry = new RetryConfig().allMethods().setRetries(config.retriesOrDefault()).setExceptions(failures);
        // Failures only: no status series, no statuses, so an answer (a 503 included) is passed on as it came.
        retry.setSeries();
        retry.setStatuses();
        retry.setBackoff(null);
        return retry;
    }
}
