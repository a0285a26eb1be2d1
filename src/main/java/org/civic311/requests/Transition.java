package org.civic311.requests;

import org.civic311.catalog.Resolution;
import org.jspecify.annotations.Nullable;

/**
 * A change of status by staff. Closing takes a resolution and an explanation written for the resident, which
 * becomes the public note.
 *
 * @param publicNote what residents are told (the explanation, when closing)
 * @param internalNote what only staff see
 * @param seenStatus the status the change was written against, when known (a page's form): a change written on a
 *     page that a colleague's change has since overtaken is refused, rather than applied over theirs
 */
public record Transition(
        String statusCode,
        @Nullable String publicNote,
        @Nullable String internalNote,
        @Nullable Resolution resolution,
        @Nullable String seenStatus) {

    public Transition(
            String statusCode,
            @Nullable String publicNote,
            @Nullable String internalNote,
            @Nullable Resolution resolution) {
        this(statusCode, publicNote, internalNote, resolution, null);
    }
}
