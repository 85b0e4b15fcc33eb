package io.singlesday.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of a service: whatever was sent to it (Tomcat refusing a query it cannot decode, a filter's
 * {@code sendError}, an exception outside Spring MVC) is answered as problem+json, like every handled error, in
 * place of Spring Boot's own JSON. Nothing of the failed request or the exception is quoted.
 */
@org.springframework.stereotype.Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        // A filter that failed for want of the database (the idempotency filter keeps its keys there) answers as a
        // handler would: 429 or 503 with Retry-After, not 500.
        java.util.Optional<DatabaseRefusal> refusal = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                ? DatabaseRefusal.of(failure) : java.util.Optional.empty();
        if (refusal.isPresent()) {
            status = refusal.get().status().value();
            log.warn("Answered {} to {}: {}", status, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), refusal.get().reason());
        }
        ProblemDetail problem = ProblemType.typeIfUntyped(ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                refusal.map(DatabaseRefusal::problemDetail).orElse(ProblemText.detail(status))));
        problem.setTitle(ProblemText.title(status));
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        refusal.ifPresent(r -> answer.header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(r.retryAfterSeconds())));
        return answer.body(problem);
    }
}
