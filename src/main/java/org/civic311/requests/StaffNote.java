package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An entry of a request's history with its author, public or internal, as staff see it. */
public record StaffNote(
        Instant at, boolean isPublic, String kind, @Nullable String statusCode, String text, @Nullable String author) {}
