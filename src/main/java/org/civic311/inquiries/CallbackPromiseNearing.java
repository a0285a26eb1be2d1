package org.civic311.inquiries;

import java.time.Instant;

/** A callback promise is near its deadline and no callback is recorded: its owner is alerted. */
public record CallbackPromiseNearing(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String personKey,
        Instant deadline,
        @org.jspecify.annotations.Nullable String standIn) {}
