package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request as open data: the fields Open311 publishes, and nothing of the reporter. The description is the public
 * one (abusive words masked).
 *
 * @param locationApproximate the point is the middle of an area of about 250 m, not the place: a home's problem
 */
public record PublicRecord(
        String publicId,
        String serviceCode,
        String serviceName,
        @Nullable String agency,
        String statusCode,
        boolean closed,
        @Nullable String statusNotes,
        @Nullable String description,
        @Nullable String address,
        @Nullable Double latitude,
        @Nullable Double longitude,
        boolean locationApproximate,
        @Nullable String wardCode,
        Channel channel,
        Instant requestedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant expectedAt,
        @Nullable Instant closedAt,
        @Nullable String resolution,
        List<String> mediaUrls) {}
