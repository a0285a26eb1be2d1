package org.civic311.triage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained one-against-the-rest logistic regression in a compact form: for each feature only the class weights that
 * matter, as floats. It predicts exactly as liblinear does (a logistic of each class's score, normalised), without
 * the training library's object graph, so the model that ships is a few megabytes and loads in milliseconds.
 */
final class LinearModel {

    /** Weights smaller than this change no ranking; leaving them out keeps the model small. */
    static final float SMALLEST = 0.002f;

    private static final int MAGIC = 0x43333131; // "C311": weights only
    private static final int MAGIC_IDF = 0x43333132; // "C312": weights and inverse document frequencies
    private static final int MAGIC_MEANING = 0x43333133; // "C313": as C312, over the words and the text's meaning
    private static final int MAGIC_NEAREST = 0x43333134; // "C314": as C313, and the training texts by meaning

    private final String[] labels;
    private final float[] bias;
    private final Map<String, Row> rows;
    /** The inverse document frequency of every feature of the training vocabulary; null for a model without. */
    private final @org.jspecify.annotations.Nullable Map<String, Double> idf;
    /** Whether the text's meaning ({@link SentenceMeaning}) is among the features. */
    private final boolean meaning;
    /** The training texts by meaning, voting beside the weights; null for a model without. */
    private final @org.jspecify.annotations.Nullable NearestTexts nearest;

    /** The weights of one feature: the classes it speaks for and how strongly. */
    record Row(short[] classes, float[] weights) {}

    LinearModel(
            String[] labels,
            float[] bias,
            Map<String, Row> rows,
            @org.jspecify.annotations.Nullable Map<String, Double> idf,
            boolean meaning,
            @org.jspecify.annotations.Nullable NearestTexts nearest) {
        if (meaning && idf == null) {
            throw new IllegalArgumentException("a model over the meaning weighs its words by idf");
        }
        if (nearest != null && !meaning) {
            throw new IllegalArgumentException("the nearest texts are found by meaning");
        }
        this.labels = labels;
        this.bias = bias;
        this.rows = rows;
        this.idf = idf;
        this.meaning = meaning;
        this.nearest = nearest;
    }

    /** A text's labels by probability, its features weighed as in training; the encoder is used if the model needs it. */
    List<CategoryModel.Scored> rank(String text, SentenceMeaning encoder) {
        if (!meaning) {
            return rank(TextFeatures.forModel(text, idf, null));
        }
        float[] vector = encoder.of(text);
        List<CategoryModel.Scored> linear = rank(TextFeatures.forModel(text, idf, vector));
        return nearest == null || linear.isEmpty() ? linear : nearest.blend(linear, vector);
    }

    boolean hasNearestTexts() {
        return nearest != null;
    }

    String[] labels() {
        return labels;
    }

    /** Probabilities per label, most likely first; empty when the text has no known feature. */
    List<CategoryModel.Scored> rank(Map<String, Double> features) {
        double[] scores = new double[labels.length];
        for (int c = 0; c < labels.length; c++) {
            scores[c] = bias[c];
        }
        boolean known = false;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            Row row = rows.get(feature.getKey());
            if (row == null) {
                continue;
            }
            known = true;
            for (int i = 0; i < row.classes().length; i++) {
                scores[row.classes()[i]] += row.weights()[i] * feature.getValue();
            }
        }
        if (!known) {
            return List.of();
        }
        double sum = 0;
        double[] probabilities = new double[labels.length];
        for (int c = 0; c < labels.length; c++) {
            probabilities[c] = 1 / (1 + Math.exp(-scores[c]));
            sum += probabilities[c];
        }
        List<CategoryModel.Scored> ranked = new ArrayList<>(labels.length);
        for (int c = 0; c < labels.length; c++) {
            ranked.add(new CategoryModel.Scored(labels[c], probabilities[c] / sum));
        }
        ranked.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        return ranked;
    }

    void write(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out)))) {
            data.writeInt(nearest != null ? MAGIC_NEAREST : meaning ? MAGIC_MEANING : idf == null ? MAGIC : MAGIC_IDF);
            data.writeInt(labels.length);
            for (int c = 0; c < labels.length; c++) {
                data.writeUTF(labels[c]);
                data.writeFloat(bias[c]);
            }
            data.writeInt(rows.size());
            for (Map.Entry<String, Row> row : rows.entrySet()) {
                data.writeUTF(row.getKey());
                data.writeShort(row.getValue().classes().length);
                for (int i = 0; i < row.getValue().classes().length; i++) {
                    data.writeShort(row.getValue().classes()[i]);
                    data.writeFloat(row.getValue().weights()[i]);
                }
            }
            if (idf != null) {
                data.writeInt(idf.size());
                // Sorted, so the same training writes the same bytes.
                for (Map.Entry<String, Double> entry : new java.util.TreeMap<>(idf).entrySet()) {
                    data.writeUTF(entry.getKey());
                    data.writeFloat(entry.getValue().floatValue());
                }
            }
            if (nearest != null) {
                nearest.write(data);
            }
        }
    }

    static LinearModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            int magic = data.readInt();
            if (magic != MAGIC && magic != MAGIC_IDF && magic != MAGIC_MEANING && magic != MAGIC_NEAREST) {
                throw new IOException("not a Civic311 category model");
            }
            int classes = data.readInt();
            String[] labels = new String[classes];
            float[] bias = new float[classes];
            for (int c = 0; c < classes; c++) {
                labels[c] = data.readUTF();
                bias[c] = data.readFloat();
            }
            int count = data.readInt();
            Map<String, Row> rows = new HashMap<>(count * 2);
            for (int r = 0; r < count; r++) {
                String name = data.readUTF();
                int size = data.readShort();
                short[] which = new short[size];
                float[] weights = new float[size];
                for (int i = 0; i < size; i++) {
                    which[i] = data.readShort();
                    weights[i] = data.readFloat();
                }
                rows.put(name, new Row(which, weights));
            }
            Map<String, Double> idf = null;
            if (magic != MAGIC) {
                int size = data.readInt();
                idf = new HashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    idf.put(data.readUTF(), (double) data.readFloat());
                }
            }
            NearestTexts nearest = magic == MAGIC_NEAREST ? NearestTexts.read(data) : null;
            return new LinearModel(labels, bias, rows, idf, magic == MAGIC_MEANING || magic == MAGIC_NEAREST, nearest);
        }
    }
}
