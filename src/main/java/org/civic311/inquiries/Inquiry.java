package org.civic311.inquiries;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An inquiry with its callback promises and follow-ups. */
public record Inquiry(
        long id,
        String jurisdictionId,
        String reference,
        String question,
        @Nullable String callerName,
        @Nullable String callerPhone,
        @Nullable String callerEmail,
        ContactChannel preferredChannel,
        @Nullable String departmentCode,
        String owner,
        InquiryStatus status,
        @Nullable String resolution,
        @Nullable Integer satisfaction,
        Instant createdAt,
        @Nullable Instant closedAt,
        @Nullable String closedBy,
        List<CallbackPromise> promises,
        List<FollowUp> followUps) {}
