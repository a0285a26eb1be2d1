package org.civic311.triage;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a text means, as a point in a 384-dimensional space where texts about the same thing lie close together
 * whatever their words: the sentence encoder all-MiniLM-L6-v2 (quantised), run in-process by ONNX Runtime. Short
 * citizen texts share few words with each other, so "the light on my street is out" and "lamp post dark" look
 * unrelated to word features alone; the encoder, trained on a billion sentence pairs, places them together.
 *
 * <p>Encoding takes about 2 ms per text on one core and is safe from many threads.
 */
final class SentenceMeaning {

    /** The encoder's dimensions; every vector has this length and unit norm. */
    static final int DIMENSIONS = 384;

    /**
     * How much of a text is encoded: what it is about shows in its first lines, and the bound keeps a 10,000-character
     * text from costing ten times a normal one. Longer than every training text, so training is unaffected.
     */
    static final int READS = 2_500;

    private final EmbeddingModel encoder;

    SentenceMeaning() {
        this.encoder = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    float[] of(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        String read = text;
        if (text.length() > READS) {
            // Not between the two halves of a character outside the basic plane.
            read = text.substring(0, Character.isHighSurrogate(text.charAt(READS - 1)) ? READS - 1 : READS);
        }
        return encoder.embed(read).content().vector();
    }

    /** The same encoder remembering what it encoded, for training runs that see each text many times. */
    static java.util.function.Function<String, float[]> remembering(SentenceMeaning meaning) {
        Map<String, float[]> seen = new ConcurrentHashMap<>();
        return text -> seen.computeIfAbsent(text, meaning::of);
    }
}
