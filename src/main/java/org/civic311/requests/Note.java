package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a request's history. Public notes are what residents see; internal ones stay with the staff.
 *
 * @param kind what happened: {@code submitted}, {@code status}, {@code comment}, …
 * @param statusCode the status the request had after this entry, if the entry changed it
 * @param corrected when staff corrected the wording of a public note after it was published, or null
 * @param retyped what the request became, if this entry is staff correcting its type: the page says it in the reader's
 *     language, as the followers' messages did
 */
public record Note(
        Instant at,
        boolean isPublic,
        String kind,
        @Nullable String statusCode,
        String text,
        @Nullable Instant corrected,
        RequestStatusChanged.@Nullable Retyped retyped) {

    public Note(Instant at, boolean isPublic, String kind, @Nullable String statusCode, String text) {
        this(at, isPublic, kind, statusCode, text, null, null);
    }
}
