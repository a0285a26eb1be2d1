package org.civic311.requests;

import org.civic311.catalog.Resolution;
import org.jspecify.annotations.Nullable;

/**
 * A change of status by staff. Closing takes a resolution and an explanation written for the resident, which
 * becomes the public note.
 *
 * @param publicNote what residents are told (the explanation, when closing)
 * @param internalNote what only staff see
 */
public record Transition(
        String statusCode,
        @Nullable String publicNote,
        @Nullable String internalNote,
        @Nullable Resolution resolution) {}
