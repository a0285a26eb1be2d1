package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The requests open now of one type in one ward of one department's queue, whenever they were made: what a supervisor
 * plans the week with, where the service report counts only the requests made in its period.
 *
 * @param wardCode null for requests placed in no ward (an address the gazetteer could not place)
 * @param overdue those past their due time
 * @param oldest when the longest waiting of them was made
 */
public record Backlog(
        @Nullable String departmentCode,
        @Nullable String wardCode,
        String serviceCode,
        String serviceName,
        int open,
        int overdue,
        Instant oldest) {}
