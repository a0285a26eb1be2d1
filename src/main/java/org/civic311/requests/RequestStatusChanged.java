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
 * @param retyped when the change is a new type of problem, with its new due date: said in each follower's language
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
        @Nullable String duplicateOf,
        @Nullable Retyped retyped) {

    public RequestStatusChanged(
            long requestId,
            String jurisdictionId,
            String publicId,
            long noteId,
            String statusCode,
            boolean closed,
            @Nullable String publicNote,
            String actor,
            Instant at,
            @Nullable String duplicateOf) {
        this(requestId, jurisdictionId, publicId, noteId, statusCode, closed, publicNote, actor, at, duplicateOf, null);
    }

    /**
     * Staff corrected the kind of problem the request is about: it is now of this type, due when that type is.
     *
     * @param dueAt when it is now expected to be dealt with, if the type says
     */
    public record Retyped(String serviceName, @Nullable Instant dueAt) {

        /** The line the request's record keeps; followers read it in their own language. */
        String inEnglish(java.time.ZoneId zone) {
            return "This request is now about: " + serviceName + "."
                    + (dueAt == null
                            ? ""
                            : " It is expected to be dealt with by "
                                    + java.time.format.DateTimeFormatter.ofLocalizedDate(
                                                    java.time.format.FormatStyle.FULL)
                                            .withLocale(java.util.Locale.ENGLISH)
                                            .format(dueAt.atZone(zone))
                                    + ".");
        }
    }
}
