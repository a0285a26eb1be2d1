package org.civic311.requests;

import java.util.List;
import java.util.Optional;
import org.civic311.common.PersonalDetails;
import org.jspecify.annotations.Nullable;

/**
 * Everything staff see of a request: the public view, who reported it, its whole history, its audit trail, its
 * followers, escalations, earlier reports of the same problem and its dispatch to another system.
 *
 * @param description the description as the reporter wrote it (the public view masks abusive words)
 * @param earlierReports tracking numbers of the earlier reports that make this a repeat problem, newest first
 */
public record StaffRecord(
        ServiceRequest request,
        @Nullable String description,
        Reporter reporter,
        List<StaffNote> notes,
        List<AuditEntry> audit,
        List<Follower> followers,
        List<Escalation> escalations,
        List<String> earlierReports,
        @Nullable DispatchState dispatch,
        @Nullable String supervisorKey) {

    /**
     * The record as staff who do not work its queue read it: what the request is and what happened to it, without
     * who reported or follows it and without the internal notes, which may name them. What people wrote in it (the
     * description, the answers, the audit trail's and the escalations' reasons) loses any phone number or email
     * address and the reporter's name where it is written as one (a reporter called Park leaves "the park" alone).
     */
    public StaffRecord withoutPersonalDetails() {
        java.util.function.UnaryOperator<String> masking = text ->
                PersonalDetails.withoutOwnName(PersonalDetails.masked(text), reporter.firstName(), reporter.lastName());
        ServiceRequest masked = request.withWordsMasked(masking);
        return new StaffRecord(
                masked,
                masked.description(),
                Reporter.anonymous(),
                notes.stream().filter(StaffNote::isPublic).toList(),
                audit.stream()
                        .map(entry -> new AuditEntry(
                                entry.at(),
                                entry.actor(),
                                entry.channel(),
                                entry.action(),
                                entry.detail() == null ? null : masking.apply(entry.detail())))
                        .toList(),
                List.of(),
                escalations.stream()
                        .map(e -> new Escalation(e.kind(), e.personKey(), e.at(), masking.apply(e.reason())))
                        .toList(),
                earlierReports,
                dispatch,
                supervisorKey);
    }

    /** When the resident first heard from a person about it, if they have. */
    public Optional<FirstResponse> firstResponse() {
        return FirstResponse.of(request, audit);
    }
}
