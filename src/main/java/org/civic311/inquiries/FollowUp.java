package org.civic311.inquiries;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A task back to the agent who took an inquiry: make sure the caller was reached, then close it. */
public record FollowUp(
        long id,
        long inquiryId,
        String inquiryReference,
        String owner,
        Instant dueAt,
        @Nullable Instant doneAt,
        @Nullable Boolean reached,
        @Nullable String note,
        int attempts,
        @Nullable String lastAttempt) {}
