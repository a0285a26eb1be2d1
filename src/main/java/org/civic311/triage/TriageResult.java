package org.civic311.triage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What triage makes of a resident's words.
 *
 * @param emergency the kind of emergency, or null; with {@code guidance} to show or send at once
 * @param suggestions the most likely service types of the jurisdiction, best first, at most three
 * @param civility how abusive the text is, with the words found and the text masked for any public view
 * @param language the ISO 639-1 code of the text's language, when it can be told
 * @param address an address or intersection named in the text, with its position when the gazetteer knows it
 */
public record TriageResult(
        @Nullable EmergencyKind emergency,
        @Nullable String guidance,
        List<Suggestion> suggestions,
        Civility civility,
        @Nullable String language,
        @Nullable FoundAddress address) {

    public boolean reportsEmergency() {
        return emergency != null;
    }

    /** A likely service type and how confident triage is, from 0 to 1. */
    public record Suggestion(String serviceCode, String serviceName, double confidence) {}

    /** Abusive language in the text. */
    public record Civility(Severity severity, List<String> words, String masked) {
        public boolean abusive() {
            return severity != Severity.NONE;
        }
    }

    /** An address found in the text. */
    public record FoundAddress(String text, @Nullable Double latitude, @Nullable Double longitude) {}
}
