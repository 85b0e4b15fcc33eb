package io.singlesday.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A database that crashed under a request is a 503 to retry, not a 500; a real fault stays a 500. */
class DatabaseLostTest {

    @Test
    void aConnectionLostUnderTheRequestIsTheDatabaseAwayWhereverItIsInTheChain() {
        assertThat(ProblemDetailsAdvice.databaseLost(new DataAccessResourceFailureException("I/O error sending to the backend"))).isTrue();
        assertThat(ProblemDetailsAdvice.databaseLost(new IllegalStateException("wrapped",
                new CannotGetJdbcConnectionException("terminating connection due to administrator command")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemDetailsAdvice.databaseLost(new DataIntegrityViolationException("check constraint"))).isFalse();
        assertThat(ProblemDetailsAdvice.databaseLost(new NullPointerException())).isFalse();
    }
}
