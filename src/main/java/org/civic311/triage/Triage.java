package org.civic311.triage;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The triage module's API: every channel passes a resident's words through it before anything else.
 */
@Service
public class Triage {

    /** The longest text {@link #assess} reads; {@link #screen} reads any length. */
    public static final int MAX_TEXT = 10_000;

    static final int SUGGESTIONS = 3;
    private static final Map<String, String> CALL_911 = Map.of(
            "en", "This sounds like an emergency. Call 911 now.",
            "fr", "Cela ressemble à une urgence. Composez le 911 maintenant.",
            "es", "Esto parece una emergencia. Llame al 911 ahora.");

    private final Catalog catalog;
    private final CategorySuggester suggester;
    private final Geocoder geocoder;
    private final Gazetteer gazetteer;
    private final LanguageGuess languages = new LanguageGuess();

    Triage(
            Catalog catalog,
            CategorySuggester suggester,
            Gazetteer gazetteer,
            TriageProperties properties,
            JsonMapper json) {
        this.catalog = catalog;
        this.suggester = suggester;
        this.gazetteer = gazetteer;
        this.geocoder = properties.geocoder().equals("nominatim") && properties.nominatimUrl() != null
                ? new NominatimGeocoder(properties.nominatimUrl(), properties.nominatimSuffix(), json)
                : gazetteer;
    }

    /** Triage of a text in a jurisdiction (the only one, when the installation serves one), for staff. */
    public TriageResult assess(String text, @Nullable String jurisdictionId) {
        return assess(text, jurisdictionId, false);
    }

    /**
     * The same for a resident (the portal, the public triage endpoint): only types offered to residents are
     * suggested, never one that only staff file.
     */
    public TriageResult assessForResidents(String text, @Nullable String jurisdictionId) {
        return assess(text, jurisdictionId, true);
    }

    private TriageResult assess(String text, @Nullable String jurisdictionId, boolean forResidents) {
        String clean = PlainText.multiLine(text);
        if (clean == null) {
            throw new InvalidInputException("text", "is required");
        }
        if (clean.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "is longer than " + MAX_TEXT + " characters");
        }
        String jurisdiction = catalog.resolveJurisdiction(jurisdictionId).id();
        String language = languages.of(clean).map(Map.Entry::getKey).orElse(null);
        Optional<EmergencyKind> emergency = EmergencyDetector.detect(clean);
        TriageResult.FoundAddress address = AddressFinder.find(clean)
                .map(found -> geocoder.locate(jurisdiction, found)
                        .map(p -> new TriageResult.FoundAddress(found, p.latitude(), p.longitude()))
                        .orElse(new TriageResult.FoundAddress(found, null, null)))
                .orElse(null);
        return new TriageResult(
                emergency.orElse(null),
                emergency.map(kind -> guidance(language)).orElse(null),
                emergency.isPresent()
                        ? java.util.List.of()
                        : suggester.suggest(jurisdiction, clean, SUGGESTIONS, forResidents),
                civility(clean),
                language,
                address);
    }

    /** The position of an address or intersection, from the configured geocoder. */
    public Optional<Geocoder.Position> locate(String jurisdictionId, String address) {
        String clean = PlainText.singleLine(address);
        return clean == null || clean.length() > 200 ? Optional.empty() : geocoder.locate(jurisdictionId, clean);
    }

    /** Addresses of the jurisdiction's own address data that begin as typed, for suggestions while typing. */
    public java.util.List<Gazetteer.Entry> addressesStartingWith(String jurisdictionId, String typed, int limit) {
        String clean = PlainText.singleLine(typed);
        return clean == null || clean.length() < 2 || clean.length() > 200
                ? java.util.List.of()
                : gazetteer.startingWith(jurisdictionId, clean, limit);
    }

    /**
     * The quick check every intake makes before it files anything: an emergency, abusive language, the language.
     * No suggestions and no geocoding: the channel already knows the service type and the place.
     */
    public Screening screen(String text) {
        Optional<EmergencyKind> emergency = EmergencyDetector.detect(text);
        String language = languages.of(text).map(Map.Entry::getKey).orElse(null);
        return new Screening(
                emergency.orElse(null),
                emergency.map(kind -> guidance(language)).orElse(null),
                civility(text),
                language);
    }

    /** What the intake check found. */
    public record Screening(
            @Nullable EmergencyKind emergency,
            @Nullable String guidance,
            TriageResult.Civility civility,
            @Nullable String language) {}

    /** How abusive the text is, with the words found and the text masked: the civility check alone. */
    public TriageResult.Civility civility(String text) {
        CivilityFilter.Finding civility = CivilityFilter.check(text);
        return new TriageResult.Civility(civility.severity(), civility.words(), civility.masked());
    }

    /** The text with abusive words masked, for any public view. */
    public String masked(String text) {
        return CivilityFilter.masked(text);
    }

    /** Whether "call 911" is said in the language (ISO 639-1), rather than in English for want of it. */
    public static boolean guidesIn(@Nullable String language) {
        return language != null && CALL_911.containsKey(language);
    }

    /** The call-911 guidance in the language, English when the language is not one of those written. */
    public static String guidance(@Nullable String language) {
        return CALL_911.getOrDefault(language == null ? "en" : language.toLowerCase(Locale.ROOT), CALL_911.get("en"));
    }
}
