package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The public view of a service request: everything anyone may see. The reporter is deliberately not part of it.
 *
 * @param publicId the tracking number residents quote
 * @param statusCode the jurisdiction's own status; {@code closed} tells whether it is typed closed
 * @param mediaUrls photos: store paths ({@code /media/…}) or absolute URLs given by a client or an archive
 * @param duplicateOf the tracking number of the request this one duplicates, if any
 */
public record ServiceRequest(
        long id,
        String jurisdictionId,
        String publicId,
        String token,
        String serviceCode,
        String serviceName,
        @Nullable String agency,
        String statusCode,
        boolean closed,
        @Nullable String statusNotes,
        @Nullable String description,
        @Nullable String serviceNotice,
        Location location,
        @Nullable String wardCode,
        Channel channel,
        Map<String, List<String>> answers,
        List<String> mediaUrls,
        Instant requestedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant expectedAt,
        @Nullable Instant closedAt,
        @Nullable String duplicateOf) {}
