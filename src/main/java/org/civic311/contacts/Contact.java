package org.civic311.contacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A call or walk-in as the agent logged it.
 *
 * @param callerName the caller's name, kept only with their consent
 * @param endedAt when it was wrapped up; null while the contact is still going on
 */
public record Contact(
        long id,
        String jurisdictionId,
        ContactKind kind,
        String agent,
        @Nullable String reason,
        @Nullable String callerName,
        @Nullable String callerPhone,
        boolean consent,
        Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable WrapUpCode wrapUp,
        @Nullable String wrapUpNote,
        List<ContactLink> links) {

    public Contact {
        links = List.copyOf(links);
    }

    public boolean isOpen() {
        return endedAt == null;
    }

    /** How long the contact lasted, or has lasted so far. */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, endedAt == null ? now : endedAt);
    }
}
