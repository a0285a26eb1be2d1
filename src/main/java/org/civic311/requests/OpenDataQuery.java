package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which requests an open data download holds: made in a period, optionally of one type, status and ward.
 *
 * @param closed open or closed requests only; null for both
 * @param statusCode one of the jurisdiction's own statuses
 * @param changedSince when set, the requests changed since then, made on any day, in place of the period
 */
public record OpenDataQuery(
        String jurisdictionId,
        Instant from,
        Instant to,
        @Nullable String serviceCode,
        @Nullable Boolean closed,
        @Nullable String statusCode,
        @Nullable String wardCode,
        @Nullable Instant changedSince) {}
