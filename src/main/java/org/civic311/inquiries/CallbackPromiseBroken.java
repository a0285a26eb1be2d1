package org.civic311.inquiries;

import java.time.Instant;

/** A callback promise passed its deadline without a callback: the agents' supervisor is alerted. */
public record CallbackPromiseBroken(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String personKey,
        String promisedBy,
        Instant deadline) {}
