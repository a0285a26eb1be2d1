package org.civic311.inquiries;

import java.time.Instant;

/**
 * A callback still owed by someone who left the directory is now their successor's to make, by the same deadline:
 * the successor is told, since the warning before the deadline may already have gone to the person who left.
 */
public record CallbackHandedOver(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String fromKey,
        String toKey,
        Instant deadline,
        boolean callerLeftNoContact) {}
