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

    private final EmbeddingModel encoder;

    SentenceMeaning() {
        this.encoder = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    float[] of(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        return encoder.embed(text).content().vector();
    }

    /** The same encoder remembering what it encoded, for training runs that see each text many times. */
    static java.util.function.Function<String, float[]> remembering(SentenceMeaning meaning) {
        Map<String, float[]> seen = new ConcurrentHashMap<>();
        return text -> seen.computeIfAbsent(text, meaning::of);
    }
}
