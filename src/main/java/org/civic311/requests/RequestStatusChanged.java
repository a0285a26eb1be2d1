package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request's status changed, or staff wrote a public note on it; its followers hear about it.
 *
 * @param publicNote what staff wrote to the public, or null when they only changed the status (said then in each
 *     follower's language)
 * @param noteId the public note, which identifies this change for exactly-once notifications
 * @param duplicateOf when the change closes the request as a duplicate, the tracking number of the one it repeats:
 *     the note is then said in each follower's language
 */
public record RequestStatusChanged(
        long requestId,
        String jurisdictionId,
        String publicId,
        long noteId,
        String statusCode,
        boolean closed,
        @Nullable String publicNote,
        String actor,
        Instant at,
        @Nullable String duplicateOf) {}
