package org.civic311.requests;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.civic311.catalog.Catalog;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Escalates a request past its service level target to the supervisor who answers for it: once when it passes its
 * target, and again to whoever answers for it next (a transfer, a new type), who could not have heard otherwise.
 */
@Component
class Breaches {

    /** As a supervisor reads a deadline: their city's day and time, never UTC. */
    private static final DateTimeFormatter DUE =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' h:mm a z", Locale.ENGLISH);

    private final WorkRepository work;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;

    Breaches(WorkRepository work, Catalog catalog, ApplicationEventPublisher events) {
        this.work = work;
        this.catalog = catalog;
        this.events = events;
    }

    /** Within the caller's transaction: the escalation, its audit line and the event that alerts the supervisor. */
    void escalate(ServiceRequest request, @Nullable String supervisor, Instant now) {
        String due = DUE.format(request.expectedAt()
                .atZone(catalog.resolveJurisdiction(request.jurisdictionId()).timeZone()));
        String reason = "Past its service level target: " + request.serviceName() + " was due " + due;
        long escalation = work.escalate(
                request.id(), request.jurisdictionId(), EscalationKind.SLA_BREACH, supervisor, now, reason);
        work.audit(request.id(), now, Actor.system(), "service level breached", "escalated to " + supervisor);
        events.publishEvent(new RequestEscalated(
                escalation,
                request.id(),
                request.jurisdictionId(),
                request.publicId(),
                EscalationKind.SLA_BREACH,
                supervisor,
                reason,
                now));
    }
}
