package org.civic311.requests;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the channel tells the resident once a request is stored: its tracking number and token, and any notice; and
 * what staff should know at once.
 *
 * @param possibleDuplicates open requests of the same type nearby, nearest first
 * @param repeatCount the number of reports of this problem at this place in the window, when it is a repeat problem
 * @param repeatEscalatedTo the name of the area supervisor this report escalated the repeat problem to; null when it did not
 *     (not a repeat, the supervisor already told in this window, or no supervisor answers for the area)
 */
public record SubmittedRequest(
        String publicId,
        String token,
        @Nullable String serviceNotice,
        List<String> possibleDuplicates,
        int repeatCount,
        @Nullable String repeatEscalatedTo) {

    /** What staff are told of a repeat problem as they file it, true to whether anyone was escalated to. */
    public @Nullable String repeatSaid() {
        if (repeatCount == 0) {
            return null;
        }
        return "Repeat problem: report " + repeatCount + " here; "
                + (repeatEscalatedTo != null
                        ? "escalated to the area's supervisor, " + repeatEscalatedTo + "."
                        : "its supervisor was already told of it, or none answers for the area.");
    }
}
