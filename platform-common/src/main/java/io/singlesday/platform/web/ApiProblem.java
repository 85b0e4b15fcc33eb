package io.singlesday.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.Map;

/** A client error a use case raises; it leaves as RFC 9457 problem+json with this status and detail. */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiProblem(HttpStatus status, String detail, Map<String, Object> properties) {
        super(status, problem(status, detail, properties), null);
    }

    /** A refusal of a kind clients tell apart ({@link ProblemType}), not only by its status. */
    public ApiProblem(HttpStatus status, ProblemType type, String detail) {
        super(status, type.applyTo(problem(status, detail, Map.of())), null);
    }


    /**
     * An answer, not a fault: it is never logged with a trace, and a crowd answered "sold out" or "too many" would
     * otherwise pay for walking the stack of every request.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static ProblemDetail problem(HttpStatus status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }
}
