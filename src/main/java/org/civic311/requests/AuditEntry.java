package org.civic311.requests;

import java.time.Instant;

/** One line of a request's audit trail: who did what, when, from which channel. */
public record AuditEntry(Instant at, String actor, String channel, String action, String detail) {}
