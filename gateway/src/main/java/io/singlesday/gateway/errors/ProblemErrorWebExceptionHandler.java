package io.singlesday.gateway.errors;

import io.singlesday.platform.web.ProblemText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.util.stream.Collectors;

/**
 * The gateway's answer to anything that was not routed or failed on the way: a problem document, never
 * Boot's default JSON or a stack trace. Unknown routes become 404 here.
 */
@Component
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemWriter problems;

    public ProblemErrorWebExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof WebExchangeBindException invalid) {
            String detail = invalid.getFieldErrors().stream()
                    .map(e -> "'" + e.getField() + "' " + e.getDefaultMessage())
                    .collect(Collectors.joining("; "));
            return problems.write(exchange, HttpStatus.BAD_REQUEST, detail);
        }
        if (error instanceof ServerWebInputException input && input.getCause() != null) {
            // The parser's own message names Java types; the caller needs to know only that the body was wrong.
            return problems.write(exchange, HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON of the expected shape");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            code = code == null ? HttpStatus.BAD_REQUEST : code;
            // Spring's own subclasses word their reasons in Java (a body type, a handler method); ours speak the API's.
            boolean ours = status.getClass() == ResponseStatusException.class && status.getReason() != null;
            String detail = ours && code != HttpStatus.NOT_FOUND ? status.getReason() : ProblemText.detail(code.value());
            return problems.write(exchange, code, detail);
        }
        log.error("Gateway failed on {}", exchange.getRequest().getPath(), error);
        return problems.write(exchange, HttpStatus.BAD_GATEWAY, "The gateway could not complete this request");
    }
}
