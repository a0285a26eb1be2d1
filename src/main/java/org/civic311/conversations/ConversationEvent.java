package org.civic311.conversations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A step in who worked a conversation: an agent claimed it (from a colleague, when the resident had waited too long),
 * a supervisor took it over, its holder let it go, someone closed it (answered or not).
 */
public record ConversationEvent(Instant at, String actor, Action action, @Nullable String detail) {

    public enum Action {
        CLAIMED,
        TAKEN_OVER,
        /** Given by a supervisor to a named agent: the detail names them. */
        GIVEN,
        RELEASED,
        CLOSED,
        /** Opened again by the system: a reply given up on after the conversation was answered or closed. */
        REOPENED
    }

    /** "Priya took it over from Sam", "Sam closed it, unanswered". */
    public String describe() {
        return switch (action) {
            case CLAIMED -> actor + " took it" + (detail == null ? "" : " from " + detail);
            case TAKEN_OVER -> actor + " took it over" + (detail == null ? "" : " from " + detail);
            case GIVEN -> actor + " gave it to " + detail;
            case RELEASED -> actor + " let it go" + ("signed out".equals(detail) ? ", signing out" : "");
            case CLOSED -> actor + " closed it" + ("OPEN".equals(detail) ? ", unanswered" : "");
            case REOPENED -> "opened again: " + detail;
        };
    }
}
