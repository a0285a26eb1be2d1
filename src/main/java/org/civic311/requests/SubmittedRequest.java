package org.civic311.requests;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the channel tells the resident once a request is stored: its tracking number and token, and any notice; and
 * what staff should know at once.
 *
 * @param possibleDuplicates open requests of the same type nearby, nearest first
 * @param repeatCount the number of reports of this problem at this place in the window, when it is a repeat problem
 */
public record SubmittedRequest(
        String publicId,
        String token,
        @Nullable String serviceNotice,
        List<String> possibleDuplicates,
        int repeatCount) {}
