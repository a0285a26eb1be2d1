package org.civic311.requests;

import org.civic311.common.InvalidInputException;
import org.civic311.triage.EmergencyKind;

/**
 * A report that describes an emergency: it is not filed as an ordinary request, and the resident is told at once,
 * in their channel, to call 911.
 */
public class EmergencyException extends InvalidInputException {

    private final EmergencyKind kind;
    private final String guidance;

    public EmergencyException(EmergencyKind kind, String guidance) {
        super(
                "description",
                "describes an emergency ("
                        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + guidance);
        this.kind = kind;
        this.guidance = guidance;
    }

    public EmergencyKind kind() {
        return kind;
    }

    /** What to tell the resident, in their language: "This sounds like an emergency. Call 911 now." */
    public String guidance() {
        return guidance;
    }
}
