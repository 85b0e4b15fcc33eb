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

    @RequestMapping
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : HttpStatus.INTERNAL_SERVER_ERROR.value();
        ProblemDetail problem = ProblemType.typeIfUntyped(
                ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), ProblemText.detail(status)));
        problem.setTitle(ProblemText.title(status));
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
