package org.civic311.inquiries;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A promise made to a caller: this person will call back by the deadline, in this channel; meanwhile the caller has
 * the fallback contact (the person's direct number) to reach them.
 *
 * @param personKey whose promise it is, from the people directory
 * @param promisedBy the agent who made the promise
 * @param callerName who is to be called back, when the caller consented to leave their details
 * @param callerContact the caller's phone number or email address for the promise's channel, when they consented
 * @param withdrawnAt when it was withdrawn, the caller no longer needing the callback (the reason is its outcome)
 * @param standIn who covers it, the person being away when it was made or since: theirs to make and record too
 * @param recordedBy who recorded its callback first, or withdrew it
 */
public record CallbackPromise(
        long id,
        long inquiryId,
        String inquiryReference,
        String question,
        String personKey,
        String promisedBy,
        Instant deadline,
        ContactChannel channel,
        String fallbackContact,
        PromiseState state,
        @Nullable Instant calledBackAt,
        @Nullable String outcome,
        @Nullable String callerName,
        @Nullable String callerContact,
        @Nullable Instant withdrawnAt,
        @Nullable String standIn,
        @Nullable String recordedBy) {

    /**
     * Whether a promise is pending, kept, broken (its deadline passed without a recorded callback), or withdrawn
     * before its deadline, the caller no longer needing it.
     */
    public enum PromiseState {
        PENDING,
        KEPT,
        BROKEN,
        WITHDRAWN
    }

    /** Whether the caller still waits for this callback: neither made nor withdrawn. */
    public boolean owed() {
        return calledBackAt == null && withdrawnAt == null;
    }
}
