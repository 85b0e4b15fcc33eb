package io.singlesday.livestream.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStateTest {

    @Test
    void aScheduledSessionGoesLiveOrIsCalledOff() {
        assertThat(SessionState.SCHEDULED.canMoveTo(SessionState.LIVE)).isTrue();
        assertThat(SessionState.SCHEDULED.canMoveTo(SessionState.ENDED)).isTrue();
        assertThat(SessionState.SCHEDULED.canMoveTo(SessionState.SCHEDULED)).isFalse();
    }

    @Test
    void aLiveSessionOnlyEnds() {
        assertThat(SessionState.LIVE.canMoveTo(SessionState.ENDED)).isTrue();
        assertThat(SessionState.LIVE.canMoveTo(SessionState.SCHEDULED)).isFalse();
        assertThat(SessionState.LIVE.canMoveTo(SessionState.LIVE)).isFalse();
    }

    @Test
    void anEndedSessionNeverGoesBackOnAir() {
        for (SessionState next : SessionState.values()) {
            assertThat(SessionState.ENDED.canMoveTo(next)).as("ENDED -> " + next).isFalse();
        }
        assertThat(SessionState.ENDED.takesDrops()).isFalse();
        assertThat(SessionState.LIVE.takesDrops()).isTrue();
        assertThat(SessionState.SCHEDULED.takesDrops()).isTrue();
    }
}
