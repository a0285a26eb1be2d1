package org.civic311.requests;

import java.time.Instant;

/**
 * A request's status changed with a public note; its followers hear about it.
 *
 * @param noteId the public note, which identifies this change for exactly-once notifications
 */
public record RequestStatusChanged(
        long requestId,
        String jurisdictionId,
        String publicId,
        long noteId,
        String statusCode,
        boolean closed,
        String publicNote,
        String actor,
        Instant at) {}
