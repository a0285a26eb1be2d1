package org.civic311.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a resident's text into the features of the category classifier: words, word pairs and the character
 * 3- and 4-grams inside words (which carry misspellings and word forms), weighted by sublinear term frequency and
 * scaled to unit length; and, beside them, what the text means ({@link SentenceMeaning}).
 */
final class TextFeatures {

    private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}#]+");
    private static final Set<String> STOP = Set.of(
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "is", "are", "was", "were", "be", "been", "it",
            "its", "this", "that", "there", "for", "with", "as", "by", "from", "my", "our", "i", "we", "you", "they",
            "he", "she", "me", "us", "them", "have", "has", "had", "do", "does", "did", "not", "no", "so", "but", "if",
            "then", "than", "very", "just", "also", "can", "could", "would", "will", "please", "thank", "thanks", "le",
            "la", "les", "de", "des", "du", "un", "une", "et", "est", "el", "los", "las", "y");

    static final double CHAR_WEIGHT = Double.parseDouble(System.getProperty("civic311.triage.char-weight", "0.7"));

    /**
     * How much the sentence encoder's meaning weighs beside the word features (which have unit length); chosen by
     * cross-validation on the training rows (0.3, 0.5, 1 and 2 were tried).
     */
    static final double MEANING_WEIGHT =
            Double.parseDouble(System.getProperty("civic311.triage.meaning-weight", "0.5"));

    private static final String[] MEANING_NAMES = new String[SentenceMeaning.DIMENSIONS];

    static {
        for (int i = 0; i < MEANING_NAMES.length; i++) {
            MEANING_NAMES[i] = "e:" + i;
        }
    }

    static final int MIN_GRAM = Integer.getInteger("civic311.triage.min-gram", 3);
    static final int MAX_GRAM = Integer.getInteger("civic311.triage.max-gram", 4);

    private TextFeatures() {}

    static List<String> words(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        normal = URL.matcher(normal).replaceAll(" url ");
        normal = NUMBER.matcher(normal).replaceAll(" 0 ");
        List<String> words = new ArrayList<>();
        for (String word : NON_WORD.split(normal)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static Map<String, Double> of(String text) {
        return normalised(raw(text), null);
    }

    /** The features weighted by inverse document frequency (unknown ones left out), then scaled to unit length. */
    static Map<String, Double> of(String text, Map<String, Double> idf) {
        return normalised(raw(text), idf);
    }

    /**
     * The features weighted by inverse document frequency and scaled to unit length, then the text's meaning beside
     * them at {@link #MEANING_WEIGHT}: added after scaling, so a long text's many words do not drown it.
     */
    static Map<String, Double> of(String text, Map<String, Double> idf, float[] meaning) {
        Map<String, Double> features = of(text, idf);
        for (int i = 0; i < meaning.length; i++) {
            features.put(MEANING_NAMES[i], MEANING_WEIGHT * meaning[i]);
        }
        return features;
    }

    /**
     * The features as a model weighs them: scaled words alone for a model without IDF, IDF-weighted words, and beside
     * them the text's meaning when the model reads it ({@code meaning} non-null).
     */
    static Map<String, Double> forModel(
            String text,
            @org.jspecify.annotations.Nullable Map<String, Double> idf,
            float @org.jspecify.annotations.Nullable [] meaning) {
        if (idf == null) {
            return of(text);
        }
        return meaning == null ? of(text, idf) : of(text, idf, meaning);
    }

    private static Map<String, Double> normalised(
            Map<String, Double> counts, @org.jspecify.annotations.Nullable Map<String, Double> idf) {
        if (idf != null) {
            counts.keySet().retainAll(idf.keySet());
            counts.replaceAll((name, weight) -> weight * idf.get(name));
        }
        double norm = 0;
        for (double weight : counts.values()) {
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        if (length > 0) {
            counts.replaceAll((name, weight) -> weight / length);
        }
        return counts;
    }

    /** Sublinear term frequencies, character grams weighted down; not yet scaled. */
    static Map<String, Double> raw(String text) {
        List<String> words = words(text);
        Map<String, Double> counts = new HashMap<>();
        String previous = null;
        for (String word : words) {
            boolean stop = STOP.contains(word);
            if (!stop) {
                counts.merge("w:" + word, 1.0, Double::sum);
                String bounded = "<" + word + ">";
                for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                    for (int i = 0; i + n <= bounded.length(); i++) {
                        counts.merge("c:" + bounded.substring(i, i + n), 1.0, Double::sum);
                    }
                }
            }
            if (previous != null) {
                counts.merge("b:" + previous + "_" + word, 1.0, Double::sum);
            }
            previous = word;
        }
        for (Map.Entry<String, Double> feature : counts.entrySet()) {
            double weight = 1 + Math.log(feature.getValue());
            // Word and pair features count more than the many character grams they overlap with.
            if (feature.getKey().startsWith("c:")) {
                weight *= CHAR_WEIGHT;
            }
            feature.setValue(weight);
        }
        return counts;
    }
}
