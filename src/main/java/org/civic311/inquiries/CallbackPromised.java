package org.civic311.inquiries;

import java.time.Instant;

/**
 * An agent promised a caller that a person of the directory would answer them by a deadline: the person is told at
 * once, not only when the deadline nears. It carries no words of the caller: events are kept in the database.
 *
 * @param callerLeftNoContact the caller gave no way to reach them and was given the person's number instead: the
 *     person expects their call, and owes no callback
 */
public record CallbackPromised(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String personKey,
        String promisedBy,
        Instant deadline,
        ContactChannel channel,
        boolean callerLeftNoContact,
        @org.jspecify.annotations.Nullable String standIn) {}
