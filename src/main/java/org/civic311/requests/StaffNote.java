package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a request's history with its author, public or internal, as staff see it.
 *
 * @param corrected when staff corrected a public note after it was published, or null
 */
public record StaffNote(
        long id,
        Instant at,
        boolean isPublic,
        String kind,
        @Nullable String statusCode,
        String text,
        @Nullable String author,
        @Nullable Instant corrected) {

    /** Kinds of public note staff write, and so may correct; what Civic311 wrote itself is not theirs to change. */
    static final java.util.Set<String> WRITTEN_BY_STAFF = java.util.Set.of("comment", "status", "closed", "reopened");

    /** Whether staff may correct it: a public note they wrote, not a line Civic311 wrote for a change of status. */
    public boolean correctable() {
        return isPublic && WRITTEN_BY_STAFF.contains(kind) && !text.startsWith("Status changed to ");
    }
}
