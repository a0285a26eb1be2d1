package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A request was escalated to a person from the directory (a supervisor, a manager). */
public record RequestEscalated(
        long escalationId,
        long requestId,
        String jurisdictionId,
        String publicId,
        EscalationKind kind,
        @Nullable String personKey,
        String reason,
        Instant at) {}
