package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.jspecify.annotations.Nullable;

/**
 * The public view of a service request: everything anyone may see. The reporter is deliberately not part of it.
 *
 * @param publicId the tracking number residents quote
 * @param statusCode the jurisdiction's own status; {@code closed} tells whether it is typed closed
 * @param mediaUrls photos: store paths ({@code /media/…}) or absolute URLs given by a client or an archive
 * @param duplicateOf the tracking number of the request this one duplicates, if any
 * @param departmentCode the department whose queue holds it; null once returned to 311 for re-routing
 * @param assignee the person or crew working on it
 * @param repeatCount how many reports of this problem at this place the window holds, when it is a repeat problem
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
        @Nullable String duplicateOf,
        @Nullable String departmentCode,
        @Nullable String assignee,
        @Nullable Resolution resolution,
        SlaState slaState,
        int repeatCount) {

    ServiceRequest withMediaUrls(List<String> urls) {
        return new ServiceRequest(
                id,
                jurisdictionId,
                publicId,
                token,
                serviceCode,
                serviceName,
                agency,
                statusCode,
                closed,
                statusNotes,
                description,
                serviceNotice,
                location,
                wardCode,
                channel,
                answers,
                List.copyOf(urls),
                requestedAt,
                updatedAt,
                expectedAt,
                closedAt,
                duplicateOf,
                departmentCode,
                assignee,
                resolution,
                slaState,
                repeatCount);
    }

    public boolean isRepeatProblem() {
        return repeatCount > 0;
    }
}
