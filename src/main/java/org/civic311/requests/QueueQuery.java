package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A department's work queue, filtered. Without statuses it shows open requests; soonest due first.
 *
 * @param departmentCode the department; null for requests returned to 311 for re-routing
 */
public record QueueQuery(
        String jurisdictionId,
        @Nullable String departmentCode,
        List<String> statusCodes,
        @Nullable String serviceCode,
        @Nullable String wardCode,
        @Nullable Instant dueBefore,
        @Nullable String assignee,
        int limit) {

    public QueueQuery {
        statusCodes = List.copyOf(statusCodes);
    }
}
