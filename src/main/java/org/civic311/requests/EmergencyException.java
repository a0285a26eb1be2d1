package org.civic311.requests;

import org.civic311.common.InvalidInputException;
import org.civic311.triage.EmergencyKind;
import org.jspecify.annotations.Nullable;

/**
 * A report that describes an emergency: it is not filed as an ordinary request, and the resident is told at once,
 * in their channel, to call 911.
 */
public class EmergencyException extends InvalidInputException {

    private final EmergencyKind kind;
    private final String guidance;
    private final @Nullable String writtenIn;

    /** @param writtenIn the language of the resident's words (ISO 639-1), when it can be told */
    public EmergencyException(EmergencyKind kind, String guidance, @Nullable String writtenIn) {
        super(
                "description",
                "describes an emergency ("
                        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + guidance);
        this.kind = kind;
        this.guidance = guidance;
        this.writtenIn = writtenIn;
    }

    /** The language the resident wrote in, which a page in another may need to speak too; null when not told. */
    public @Nullable String writtenIn() {
        return writtenIn;
    }

    public EmergencyKind kind() {
        return kind;
    }

    /** What to tell the resident, in their language: "This sounds like an emergency. Call 911 now." */
    public String guidance() {
        return guidance;
    }
}
