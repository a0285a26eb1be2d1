package org.civic311.triage;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The language of a text (Lingua), among those 311 answers in and residents of the demo city write most: English,
 * French, Spanish, Portuguese, Italian, Chinese. Each language's model loads when first needed, so start-up stays
 * quick and only the languages residents actually write take memory.
 */
final class LanguageGuess {

    private final LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(
                    Language.ENGLISH,
                    Language.FRENCH,
                    Language.SPANISH,
                    Language.PORTUGUESE,
                    Language.ITALIAN,
                    Language.CHINESE)
            .build();

    /** The language as an ISO 639-1 code with Lingua's confidence, if the text says enough to tell. */
    Optional<Map.Entry<String, Double>> of(String text) {
        if (text.codePoints().filter(Character::isLetter).count() < 3) {
            return Optional.empty();
        }
        Map<Language, Double> confidences = detector.computeLanguageConfidenceValues(text);
        return confidences.entrySet().stream()
                .findFirst()
                .map(best -> Map.entry(
                        best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT), best.getValue()));
    }
}
