package io.singlesday.platform.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filter's failure reaches the error page, not the handlers' advice: one that failed for want of the database (the
 * idempotency filter with every connection busy, as seen at a cold midnight rush) is still a 429 or 503 with
 * Retry-After, and any other failure stays a 500 that quotes nothing.
 */
class ProblemErrorControllerTest {

    private final ProblemErrorController errors = new ProblemErrorController();

    @Test
    void aFilterWithNoFreeConnectionIsOverloadToComeBackTo() {
        ResponseEntity<ProblemDetail> answer = errors.error(failedWith(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLTransientConnectionException("pool - Connection is not available"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getType().toString()).isEqualTo("tag:singlesday.dev,2026:problem:at-capacity");
        assertThat(answer.getBody().getDetail()).contains("retry after 1 s").doesNotContain("pool");
    }

    @Test
    void aFilterThatCannotReachOrLostTheDatabaseIsUnavailable() {
        ResponseEntity<ProblemDetail> unreachable = errors.error(failedWith(new CannotGetJdbcConnectionException("Failed",
                new SQLTransientConnectionException("pool", new java.net.ConnectException("refused")))));
        assertThat(unreachable.getStatusCode().value()).isEqualTo(503);
        assertThat(unreachable.getHeaders().getFirst("Retry-After")).isEqualTo("5");

        ResponseEntity<ProblemDetail> lost = errors.error(failedWith(
                new org.springframework.dao.DataAccessResourceFailureException("I/O error")));
        assertThat(lost.getStatusCode().value()).isEqualTo(503);
        assertThat(lost.getHeaders().getFirst("Retry-After")).isEqualTo("2");
    }

    @Test
    void anyOtherFailureStaysA500ThatQuotesNothing() {
        ResponseEntity<ProblemDetail> answer = errors.error(failedWith(new IllegalStateException("secret internals")));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(answer.getBody().getDetail()).doesNotContain("secret");
    }

    private static MockHttpServletRequest failedWith(Throwable failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/livestreams/sessions/x/viewers");
        return request;
    }
}
