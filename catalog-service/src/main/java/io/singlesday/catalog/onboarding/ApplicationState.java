package io.singlesday.catalog.onboarding;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Tmall Global onboarding path: SUBMITTED → UNDER_REVIEW → APPROVED → STORE_OPEN, with REJECTED from
 * review and LAPSED when an approved brand does not open its store in time. Nothing else is a move.
 */
public enum ApplicationState {
    SUBMITTED, UNDER_REVIEW, APPROVED, STORE_OPEN, REJECTED, LAPSED;

    public Set<ApplicationState> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(UNDER_REVIEW, REJECTED);
            case UNDER_REVIEW -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(STORE_OPEN, LAPSED);
            case STORE_OPEN, REJECTED, LAPSED -> EnumSet.noneOf(ApplicationState.class);
        };
    }

    public ApplicationState moveTo(ApplicationState target) {
        if (!next().contains(target)) {
            throw new IllegalTransition(this, target);
        }
        return target;
    }

    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(ApplicationState from, ApplicationState to) {
            super("An application that is " + from + " cannot become " + to);
        }
    }
}
