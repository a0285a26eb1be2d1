package org.civic311.inquiries;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An inquiry in a list: enough to pick it out, with the next callback deadline still open. */
public record InquirySummary(
        String reference, String question, InquiryStatus status, Instant createdAt, @Nullable Instant nextDeadline) {}
