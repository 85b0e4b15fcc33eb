package io.singlesday.gateway.errors;

import io.singlesday.gateway.routing.RequestIdWebFilter;
import io.singlesday.platform.web.ProblemText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import io.singlesday.platform.web.ProblemType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;


/** Writes RFC 9457 problem+json for answers the gateway gives itself. */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public ProblemDetail problem(ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemType.typeIfUntyped(ProblemDetail.forStatusAndDetail(status, detail));
        problem.setInstance(ProblemText.instance(exchange.getRequest().getPath().value()));
        Object requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem(exchange, status, detail));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
