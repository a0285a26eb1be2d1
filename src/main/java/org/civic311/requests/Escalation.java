package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An escalation of a request, as staff see it. */
public record Escalation(EscalationKind kind, @Nullable String personKey, Instant at, String reason) {}
