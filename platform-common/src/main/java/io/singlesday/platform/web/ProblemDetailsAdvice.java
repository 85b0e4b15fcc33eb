package io.singlesday.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every error a client can cause becomes an RFC 9457 problem that names what was wrong; anything else is a
 * 500 problem with the request id and nothing of the stack. Security exceptions are left to the security
 * filters, which answer 401 or 403 themselves.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** Details explain; they never carry a caller's long value back (some quote a header or a content type). */
    private static final int MAX_DETAIL = 400;

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        BodySizeLimitFilter.BodyTooLargeException tooLarge = findCause(ex, BodySizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    tooLarge.getMessage()), headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        JacksonException json = findCause(ex, JacksonException.class);
        if (json != null) {
            String field = json.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String wrong = field.isEmpty() ? null : whatWasExpected(json);
            problem.setDetail(field.isEmpty() ? whatTheBodyShouldBe(json) : "Field '" + field + "' is invalid: " + wrong);
            if (!field.isEmpty()) {
                problem.setProperty("errors", List.of(Map.of("field", field, "message", wrong)));
            }
        } else {
            problem.setDetail("The request body is missing or unreadable");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A body that is not JSON at all, or JSON of the wrong shape, told by where it broke and what was wanted. */
    private static String whatTheBodyShouldBe(JacksonException json) {
        if (json instanceof io.singlesday.platform.json.JsonInputGuards.RefusedValue refused) {
            return "The request body is invalid: " + refused.reason();
        }
        if (json instanceof tools.jackson.core.exc.StreamConstraintsException) {
            return "The request body is nested too deeply or holds a value too long to read";
        }
        if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "The request body must be " + expected(mismatch.getTargetType());
        }
        var where = json.getLocation();
        return where == null || where.getLineNr() < 1 ? "The request body is not valid JSON"
                : "The request body is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    /**
     * What the field should have held, in the API's words: Jackson's own message names Java types and parser
     * internals, which tell a client nothing and tell an attacker what runs here.
     */
    private static String whatWasExpected(JacksonException json) {
        if (json instanceof io.singlesday.platform.json.JsonInputGuards.RefusedValue refused) {
            return refused.reason();
        }
        if (json instanceof tools.jackson.databind.exc.InvalidNullException) {
            return "must not be null";
        }
        if (!(json instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return "not a value of the right type or shape";
        }
        String expected = expected(mismatch.getTargetType());
        return mismatch instanceof InvalidFormatException bad && bad.getValue() != null
                ? "'" + quoted(String.valueOf(bad.getValue())) + "' is not " + expected : "expected " + expected;
    }

    /** At most a short prefix of what the caller sent, control characters escaped: enough to recognise it. */
    static String quoted(String value) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < value.length() && i < 40; i++) {
            char c = value.charAt(i);
            shown.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 40 ? shown + "..." : shown.toString();
    }

    private static String expected(Class<?> type) {
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return type == java.time.LocalDate.class ? "a date such as 2026-11-11"
                    : "an ISO 8601 date-time such as 2026-11-11T00:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class || type == short.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.<String, Object>of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(e -> "'" + e.get("field") + "' " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> Map.<String, Object>of(
                        "field", r.getMethodParameter().getParameterName() == null ? "?" : r.getMethodParameter().getParameterName(),
                        "message", String.valueOf(e.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(e -> "'" + e.get("field") + "' " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Spring's own detail repeats the path, which may be long and is the caller's own text. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource"),
                headers, HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + ex.getName() + "' has an invalid value");
        problem.setProperty("errors", List.of(Map.of("field", ex.getName(), "message", "invalid value")));
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<Map<String, Object>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.<String, Object>of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(e -> "'" + e.get("field") + "' " + e.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Two requests raced for the same unique thing; the loser learns it, as it would have a moment later. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(org.springframework.dao.DuplicateKeyException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This conflicts with something that already exists; reload and try again");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void leaveToSecurityFilters(RuntimeException ex) {
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        Optional<DatabaseRefusal> refusal = DatabaseRefusal.of(ex);
        if (refusal.isPresent()) {
            DatabaseRefusal r = refusal.get();
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(r.retryAfterSeconds()));
            log.warn("Answered {} to {}: {}", r.status().value(), request.getDescription(false), r.reason());
            return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(r.status(), r.problemDetail()), headers,
                    r.status(), request);
        }
        log.error("Unexpected error serving {}", request.getDescription(false), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote the requestId when you report it.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    static boolean databaseLost(Throwable ex) {
        return DatabaseRefusal.lost(ex);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && request instanceof NativeWebRequest nativeRequest) {
            HttpServletRequest servlet = nativeRequest.getNativeRequest(HttpServletRequest.class);
            if (servlet != null) {
                if (problem.getInstance() == null) {
                    problem.setInstance(ProblemText.instance(servlet.getRequestURI()));
                }
                Object requestId = servlet.getAttribute(RequestIdFilter.ATTRIBUTE);
                if (requestId != null) {
                    problem.setProperty("requestId", requestId);
                }
            }
        }
        if (body instanceof ProblemDetail problem) {
            ProblemType.typeIfUntyped(problem);
        }
        if (body instanceof ProblemDetail problem && problem.getDetail() != null && problem.getDetail().length() > MAX_DETAIL) {
            problem.setDetail(problem.getDetail().substring(0, MAX_DETAIL) + "...");
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
