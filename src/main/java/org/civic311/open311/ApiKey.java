package org.civic311.open311;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An Open311 API key as administrators see it: never the key itself, only the first characters that let them
 * recognise it.
 *
 * @param prefix the key's first characters; null for keys registered before keys were issued here
 * @param callsPerMinute this key's own limit, or null for the endpoint's default
 * @param revokedAt when the key stops or stopped working; a rotated key keeps working for a grace period
 */
public record ApiKey(
        long id,
        String jurisdictionId,
        String label,
        @Nullable String prefix,
        @Nullable Integer callsPerMinute,
        Instant createdAt,
        @Nullable String createdBy,
        @Nullable Instant revokedAt,
        @Nullable String revokedBy,
        @Nullable Long replacedBy) {

    public boolean worksAt(Instant now) {
        return revokedAt == null || revokedAt.isAfter(now);
    }

    /** The key and its one-time secret, shown to the administrator once when it is issued and never again. */
    public record Issued(ApiKey key, String secret) {}
}
