package io.singlesday.platform.web;

import io.singlesday.platform.db.DatabaseWait;
import org.springframework.http.HttpStatus;

import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * A request that failed for want of its database, as the answer it gets wherever it failed (a handler, or a filter
 * before any handler): every connection busy past the pool's short wait is overload, 429; no connection to be had,
 * or the connection lost under the request, is the database away, 503. Each says when to come back; none is a 500,
 * and a write retried with the same Idempotency-Key replays whatever did commit.
 */
record DatabaseRefusal(HttpStatus status, int retryAfterSeconds, String detail, String reason) {

    static Optional<DatabaseRefusal> of(Throwable failure) {
        Optional<SQLTransientConnectionException> timeout = DatabaseWait.timedOut(failure);
        if (timeout.isPresent()) {
            return Optional.of(DatabaseWait.unreachable(timeout.get())
                    ? new DatabaseRefusal(HttpStatus.SERVICE_UNAVAILABLE, 5, "The service cannot reach its database right now",
                            timeout.get().getMessage())
                    : new DatabaseRefusal(HttpStatus.TOO_MANY_REQUESTS, 1, "The service is busy: no database connection was "
                            + "free in time", timeout.get().getMessage()));
        }
        if (lost(failure)) {
            // SQLState classes 08, 57: whether a write committed is unknown, so the answer is a retry with the same key.
            return Optional.of(new DatabaseRefusal(HttpStatus.SERVICE_UNAVAILABLE, 2, "The service lost its database connection",
                    "the database connection was lost (" + failure.getMessage() + ")"));
        }
        return Optional.empty();
    }

    static boolean lost(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.dao.TransientDataAccessResourceException) {
                return true;
            }
        }
        return false;
    }

    String problemDetail() {
        return detail + "; retry after " + retryAfterSeconds + " s (with the same Idempotency-Key for a write)";
    }
}
