package org.civic311.requests;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A resident's report, as any channel receives it, before it is checked.
 *
 * @param jurisdictionId the jurisdiction named by the client, or null when the installation serves only one
 * @param answers answers to the service type's questions, by attribute code; list questions may have several
 * @param mediaUrls links to photos held elsewhere, as Open311 clients may send (FixMyStreet one per photo)
 * @param uploads photos sent with the request
 * @param language the reporter's language (an IETF tag such as {@code fr}), when known
 */
public record NewServiceRequest(
        @Nullable String jurisdictionId,
        String serviceCode,
        Location location,
        @Nullable String description,
        Map<String, List<String>> answers,
        List<String> mediaUrls,
        List<Upload> uploads,
        Reporter reporter,
        Channel channel,
        @Nullable String language) {

    public NewServiceRequest {
        answers = Map.copyOf(answers);
        mediaUrls = List.copyOf(mediaUrls);
        uploads = List.copyOf(uploads);
    }
}
