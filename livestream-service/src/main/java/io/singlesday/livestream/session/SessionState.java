package io.singlesday.livestream.session;

import java.util.Set;

/** A live session's life: it is scheduled, goes live once, ends once; it never goes back on air. */
public enum SessionState {
    SCHEDULED, LIVE, ENDED;

    public boolean canMoveTo(SessionState next) {
        return switch (this) {
            case SCHEDULED -> Set.of(LIVE, ENDED).contains(next);
            case LIVE -> next == ENDED;
            case ENDED -> false;
        };
    }

    /** Drops may be put on air before and during the show, never after it. */
    public boolean takesDrops() {
        return this != ENDED;
    }
}
