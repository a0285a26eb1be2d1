package org.civic311.inquiries;

import java.time.Instant;

/**
 * A callback already owed by someone who is now away became their stand-in's to make too: the stand-in is told, as
 * they are of one promised while the person is away ({@link CallbackPromised}).
 */
public record CallbackCovered(
        long promiseId,
        String jurisdictionId,
        String inquiryReference,
        String personKey,
        String standIn,
        Instant deadline,
        boolean callerLeftNoContact) {}
