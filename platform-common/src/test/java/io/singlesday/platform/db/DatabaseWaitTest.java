package io.singlesday.platform.db;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's time-out is found however deep Spring and Kafka wrap it, and busy is told apart from away. */
class DatabaseWaitTest {

    @Test
    void aPoolTimeOutIsFoundUnderItsWrappers() {
        SQLTransientConnectionException busy = new SQLTransientConnectionException("Connection is not available, request timed out");
        RuntimeException wrapped = new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", busy));
        assertThat(DatabaseWait.timedOut(wrapped)).containsSame(busy);
        assertThat(DatabaseWait.unreachable(busy)).isFalse();
    }

    @Test
    void aTimeOutWithAConnectionFailureBehindItMeansTheDatabaseIsAway() {
        SQLTransientConnectionException away = new SQLTransientConnectionException("timed out", "08001",
                new ConnectException("Connection refused"));
        assertThat(DatabaseWait.unreachable(away)).isTrue();
    }

    @Test
    void otherFailuresAreNotMistakenForIt() {
        assertThat(DatabaseWait.timedOut(new IllegalStateException("bug", new RuntimeException("deeper")))).isEmpty();
        assertThat(DatabaseWait.timedOut(null)).isEmpty();
    }
}
