package io.singlesday.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that keeps dying is started again less and less often, never less often than every 30 s. */
class SupervisorTest {

    @Test
    void theWaitDoublesWithEachQuickExitUpToHalfAMinute() {
        assertThat(Supervisor.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Supervisor.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Supervisor.delayAfter(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Supervisor.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Supervisor.delayAfter(40)).isEqualTo(Duration.ofSeconds(30));
    }
}
