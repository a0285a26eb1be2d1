package org.civic311.requests;

/**
 * An open request and the latest escalation that put it before a supervisor: past its service level target, or a
 * problem reported again and again at one place.
 */
public record EscalatedRequest(ServiceRequest request, Escalation escalation) {

    record Row(long requestId, Escalation escalation) {}
}
