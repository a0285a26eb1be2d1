package org.civic311.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.ServiceType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Suggests service types of a jurisdiction's catalogue for a text: the shipped model's probabilities for the types
 * it was trained on, and for types it does not know (added since, or another city's), how much of the text their
 * names, keywords and descriptions account for ({@link Vocabularies}). Only active types are suggested.
 */
@Component
class CategorySuggester {

    static final String MODEL = "triage/category-model.bin";
    /** How much a type the model does not know can weigh, at best, against the model's own probabilities. */
    static final double LEXICAL_WEIGHT = 0.6;

    private final Catalog catalog;
    private final LinearModel model;
    private final SentenceMeaning meaning;

    CategorySuggester(Catalog catalog) {
        this.catalog = catalog;
        this.meaning = new SentenceMeaning();
        try (InputStream in = new ClassPathResource(MODEL).getInputStream()) {
            this.model = LinearModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the category model " + MODEL, e);
        }
    }

    /** @param forResidents whether to leave out the types only staff file */
    List<TriageResult.Suggestion> suggest(String jurisdictionId, String text, int count, boolean forResidents) {
        List<ServiceType> active = catalog.serviceTypes(jurisdictionId).stream()
                .filter(type -> forResidents ? type.offeredToResidents() : type.active())
                .toList();
        Map<String, ServiceType> byCode = new HashMap<>();
        active.forEach(type -> byCode.put(type.code(), type));
        Map<String, Double> scores = new HashMap<>();
        Set<String> known = new HashSet<>(List.of(model.labels()));
        double total = 0;
        for (CategoryModel.Scored scored : model.rank(text, meaning)) {
            if (byCode.containsKey(scored.label())) {
                scores.put(scored.label(), scored.probability());
                total += scored.probability();
            }
        }
        if (total > 0) {
            double sum = total;
            scores.replaceAll((code, probability) -> probability / sum);
        }
        List<ServiceType> unknown =
                active.stream().filter(type -> !known.contains(type.code())).toList();
        if (!unknown.isEmpty()) {
            Vocabularies vocabularies = vocabularies(jurisdictionId, active);
            Set<String> terms = terms(text);
            for (ServiceType type : unknown) {
                double match = vocabularies.match(terms, type.code());
                if (match > 0) {
                    scores.put(type.code(), LEXICAL_WEIGHT * match);
                }
            }
        }
        List<TriageResult.Suggestion> suggestions = new ArrayList<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(count)
                .forEach(entry -> suggestions.add(new TriageResult.Suggestion(
                        entry.getKey(),
                        byCode.get(entry.getKey()).name(),
                        Math.round(entry.getValue() * 1000) / 1000.0)));
        suggestions.sort(
                Comparator.comparingDouble(TriageResult.Suggestion::confidence).reversed());
        return suggestions;
    }

    /** Each jurisdiction's vocabularies, kept while its catalogue holds the same types. */
    private final Map<String, Vocabularies> vocabularies = new java.util.concurrent.ConcurrentHashMap<>();

    /** The vocabularies of these types: built once per catalogue, not once per text. */
    private Vocabularies vocabularies(String jurisdictionId, List<ServiceType> active) {
        Vocabularies known = vocabularies.get(jurisdictionId);
        if (known != null && sameInstances(known.source(), active)) {
            return known;
        }
        Vocabularies built = Vocabularies.of(active);
        vocabularies.put(jurisdictionId, built);
        return built;
    }

    /** Whether two lists hold the very same types: the catalogue builds new ones whenever it reloads. */
    private static boolean sameInstances(List<ServiceType> a, List<ServiceType> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Words of three letters or more that say nothing of the problem, in English and French. */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "the", "and", "for", "with", "from", "this", "that", "there", "are", "was", "were", "has", "have", "had",
            "not", "but", "our", "your", "you", "they", "them", "its", "all", "any", "can", "been", "into", "onto",
            "very", "again", "still", "just", "please", "les", "des", "une", "est", "dans", "pour", "sur", "avec",
            "qui", "que", "pas", "aux", "son", "ses", "leur");

    /** The distinct words of a text as they are compared: light stems, without function words. */
    static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        for (String word : TextFeatures.words(text)) {
            if (word.length() >= 3 && !FUNCTION_WORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    /** A plural as its singular, well enough for matching ("potholes", "streetlights", "bodies"). */
    static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /**
     * The words of each active type (its name and keywords, and more faintly its description), each weighted by how
     * few types use it: "pothole" tells more than "street".
     */
    record Vocabularies(
            List<ServiceType> source,
            Map<String, Map<String, Double>> byType,
            Map<String, Double> rarity,
            double unseen) {

        /** How much a description's word counts beside one of the name or keywords. */
        static final double DESCRIPTION_WEIGHT = 0.5;

        static Vocabularies of(List<ServiceType> types) {
            Map<String, Map<String, Double>> byType = new HashMap<>();
            Map<String, Integer> typesUsing = new HashMap<>();
            for (ServiceType type : types) {
                Map<String, Double> own = new HashMap<>();
                for (String term : terms(type.description() == null ? "" : type.description())) {
                    own.put(term, DESCRIPTION_WEIGHT);
                }
                for (String term : terms(type.name() + " " + String.join(" ", type.keywords()))) {
                    own.put(term, 1.0);
                }
                byType.put(type.code(), own);
                own.keySet().forEach(term -> typesUsing.merge(term, 1, Integer::sum));
            }
            Map<String, Double> rarity = new HashMap<>();
            typesUsing.forEach((term, count) -> rarity.put(term, Math.log(1 + (double) types.size() / count)));
            return new Vocabularies(List.copyOf(types), byType, rarity, Math.log(1 + types.size()));
        }

        /**
         * How much of the text the type's words account for, each word by its rarity: from 0 (none of it) to 1
         * (every word of it the type's own). More keywords can only find more; a word no type uses counts in full
         * against every type, as it is most likely what the problem is.
         */
        double match(Set<String> terms, String code) {
            Map<String, Double> own = byType.getOrDefault(code, Map.of());
            double matched = 0;
            double total = 0;
            for (String term : terms) {
                double weight = rarity.getOrDefault(term, unseen);
                total += weight;
                matched += weight * own.getOrDefault(term, 0.0);
            }
            return total == 0 ? 0 : matched / total;
        }
    }
}
