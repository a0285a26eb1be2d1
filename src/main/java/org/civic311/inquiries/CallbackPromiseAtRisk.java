package org.civic311.inquiries;

import java.time.Instant;

/**
 * A callback promise is minutes from its deadline and still no callback is recorded, though its owner was alerted:
 * the agents' supervisor is told while the promise can still be kept.
 */
public record CallbackPromiseAtRisk(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String personKey,
        String promisedBy,
        Instant deadline) {}
