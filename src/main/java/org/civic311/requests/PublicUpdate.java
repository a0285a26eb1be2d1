package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One public entry of a request's history, as a feed of updates serves it to systems that relay requests (an Open311
 * client that told its users it sent their reports, and tells them what came of them).
 *
 * @param noteId the entry's own number, the same however often it is read
 * @param statusCode the request's status once this entry was written
 * @param corrected when staff corrected its wording after it was published, or null
 */
public record PublicUpdate(
        long noteId, String publicId, Instant at, String text, String statusCode, @Nullable Instant corrected) {

    /** When the entry last changed: when it was corrected, or else written. */
    public Instant updated() {
        return corrected != null ? corrected : at;
    }
}
