package io.singlesday.platform.db;

import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Recognises a request for a database connection that the pool could not serve within its short wait
 * ({@code spring.datasource.hikari.connection-timeout}, 2 s by default here). Either every connection is busy
 * (overload: the caller should come back in a moment) or the database cannot be reached (the pool names the last
 * connection failure as the cause). Neither is a fault of the request, and neither is a reason to give up on it.
 */
public final class DatabaseWait {

    private DatabaseWait() {
    }

    /** The pool's time-out somewhere in this exception's causes, if it is there. */
    public static Optional<SQLTransientConnectionException> timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException timeout) {
                return Optional.of(timeout);
            }
        }
        return Optional.empty();
    }

    /** True when the pool could not connect at all, rather than finding every connection in use. */
    public static boolean unreachable(SQLTransientConnectionException timeout) {
        return timeout.getCause() != null;
    }
}
