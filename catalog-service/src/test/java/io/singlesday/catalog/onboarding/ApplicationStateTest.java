package io.singlesday.catalog.onboarding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SUBMITTED, UNDER_REVIEW, true", "SUBMITTED, REJECTED, true", "SUBMITTED, APPROVED, false",
            "SUBMITTED, STORE_OPEN, false", "SUBMITTED, LAPSED, false",
            "UNDER_REVIEW, APPROVED, true", "UNDER_REVIEW, REJECTED, true", "UNDER_REVIEW, STORE_OPEN, false",
            "UNDER_REVIEW, SUBMITTED, false", "UNDER_REVIEW, LAPSED, false",
            "APPROVED, STORE_OPEN, true", "APPROVED, LAPSED, true", "APPROVED, REJECTED, false",
            "APPROVED, UNDER_REVIEW, false",
            "STORE_OPEN, LAPSED, false", "STORE_OPEN, APPROVED, false", "STORE_OPEN, REJECTED, false",
            "REJECTED, UNDER_REVIEW, false", "REJECTED, APPROVED, false",
            "LAPSED, STORE_OPEN, false", "LAPSED, APPROVED, false"})
    void onlyTheOnboardingPathIsAMove(ApplicationState from, ApplicationState to, boolean allowed) {
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(ApplicationState.IllegalTransition.class)
                    .hasMessageContaining(from.name()).hasMessageContaining(to.name());
        }
    }
}
