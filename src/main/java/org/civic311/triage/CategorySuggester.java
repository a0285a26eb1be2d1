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
 * it was trained on, and for types it does not know (added since, or another city's), how well the text matches
 * their names, descriptions and keywords. Only active types are suggested.
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

    List<TriageResult.Suggestion> suggest(String jurisdictionId, String text, int count) {
        List<ServiceType> active = catalog.serviceTypes(jurisdictionId).stream()
                .filter(ServiceType::active)
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
        Set<String> words = new HashSet<>(TextFeatures.words(text));
        for (ServiceType type : active) {
            if (!known.contains(type.code())) {
                double match = lexical(words, type);
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

    /** The share of a type's own words (name and keywords) that the text uses. */
    private static double lexical(Set<String> words, ServiceType type) {
        Set<String> own = new HashSet<>(TextFeatures.words(type.name() + " " + String.join(" ", type.keywords())));
        own.removeIf(word -> word.length() < 3);
        if (own.isEmpty()) {
            return 0;
        }
        long used = own.stream().filter(words::contains).count();
        return (double) used / own.size();
    }
}
