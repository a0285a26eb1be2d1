package org.civic311.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * When the resident first heard from a person about their request: a reply in the channel they wrote in, a public
 * note, or a change of status by staff. An assignment, a transfer or an internal note is work on the request, not an
 * answer to the resident. A call or a visit is answered as the request is made.
 *
 * @param by who answered, or null when it was answered on the call or at the counter (and for an imported request,
 *     when its archive says nothing of it)
 * @param after how long the resident waited, from when the request was made
 */
public record FirstResponse(Instant at, @Nullable String by, Duration after) {

    /**
     * The audit trail's actions that answer the resident: each sends them a note, in their channel or as a public
     * change. A reply to someone else in a conversation linked to the request is not one.
     */
    static final Set<String> ANSWERS = Set.of("replied", "public note", "status", "duplicate", "reopened");

    /** Whose actions are not a person's answer: the system's, and the resident's own. */
    static final Set<String> NOT_STAFF = Set.of("system", "resident", "reporter");

    /** The same rule in SQL, for the figures: the first answer's moment, or null ({@code r} is the request). */
    static final String SQL = "select case when r.channel in ('PHONE', 'WALK_IN') then r.requested_at"
            + " else min(a.at) end as first from request_audit a where a.request_id = r.id"
            + " and a.actor not in " + list(NOT_STAFF) + " and a.action in " + list(ANSWERS);

    public static Optional<FirstResponse> of(ServiceRequest request, List<AuditEntry> audit) {
        if (request.channel() == Channel.PHONE || request.channel() == Channel.WALK_IN) {
            return Optional.of(new FirstResponse(request.requestedAt(), null, Duration.ZERO));
        }
        return audit.stream()
                .filter(entry -> ANSWERS.contains(entry.action()) && !NOT_STAFF.contains(entry.actor()))
                .min(Comparator.comparing(AuditEntry::at))
                .map(entry -> new FirstResponse(
                        entry.at(), entry.actor(), Duration.between(request.requestedAt(), entry.at())));
    }

    private static String list(Set<String> words) {
        return words.stream().sorted().map(word -> "'" + word + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
