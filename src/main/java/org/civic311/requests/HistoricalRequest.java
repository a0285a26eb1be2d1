package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request from another system's archive, loaded as it was recorded there.
 *
 * @param closed whether the archive typed it closed; the finer status is recognised from the notes when possible
 */
public record HistoricalRequest(
        String publicId,
        String serviceCode,
        @Nullable String serviceName,
        @Nullable String agency,
        boolean closed,
        @Nullable String statusNotes,
        @Nullable String description,
        @Nullable String serviceNotice,
        Location location,
        @Nullable String mediaUrl,
        Instant requestedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant expectedAt) {}
