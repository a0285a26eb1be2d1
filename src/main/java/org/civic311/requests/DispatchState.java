package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of sending a request to a system outside Civic311.
 *
 * @param method {@code EMAIL} or {@code OPEN311}
 * @param externalId the other system's identifier, once it has accepted the request
 */
public record DispatchState(
        String method,
        String target,
        @Nullable String externalId,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable Instant deliveredAt,
        @Nullable Instant refusedAt) {}
