package org.civic311.triage;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A text classifier: L2-regularised logistic regression (Tribuo over liblinear) on {@link TextFeatures}: the words
 * and, when given a {@link SentenceMeaning}, what the text means, blended then with the votes of the training texts
 * nearest in meaning ({@link NearestTexts}). Its probabilities rank the labels for a text.
 */
final class CategoryModel {

    /** The regularisation strength, chosen by cross-validation on the training rows only. */
    static final double COST = 4.0;

    private static final LabelFactory LABELS = new LabelFactory();

    private final Model<Label> model;
    private final @org.jspecify.annotations.Nullable Map<String, Double> idf;
    private final @org.jspecify.annotations.Nullable Function<String, float[]> meaning;
    /** The training texts by meaning, voting beside the linear model; null for the words alone. */
    private final @org.jspecify.annotations.Nullable NearestTexts nearest;

    private CategoryModel(
            Model<Label> model,
            @org.jspecify.annotations.Nullable Map<String, Double> idf,
            @org.jspecify.annotations.Nullable Function<String, float[]> meaning,
            @org.jspecify.annotations.Nullable NearestTexts nearest) {
        this.model = model;
        this.idf = idf;
        this.meaning = meaning;
        this.nearest = nearest;
    }

    /** Whether features are weighted by inverse document frequency; chosen by cross-validation (it adds 1.5 points). */
    static final boolean IDF = Boolean.parseBoolean(System.getProperty("civic311.triage.idf", "true"));

    /** A labelled training text. */
    record Sample(String text, String label) {}

    /** A label and the probability the model gives it. */
    record Scored(String label, double probability) {}

    /** Features seen in fewer training texts than this are left out: they cannot generalise, and they bloat the model. */
    static final int MIN_TEXTS = 2;

    /** Whether the text's meaning is a feature; on unless cross-validation compares the words alone. */
    static final boolean MEANING = Boolean.parseBoolean(System.getProperty("civic311.triage.meaning", "true"));

    /**
     * Trains on the samples; {@code meaning} encodes a text's meaning ({@link SentenceMeaning}), or is null for the
     * words alone.
     */
    static CategoryModel train(
            List<Sample> samples, double cost, @org.jspecify.annotations.Nullable Function<String, float[]> meaning) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Sample sample : samples) {
            TextFeatures.raw(sample.text()).keySet().forEach(name -> seen.merge(name, 1, Integer::sum));
        }
        Map<String, Double> idf = null;
        if (IDF) {
            // Smoothed inverse document frequency, as TF-IDF weighs it: rare features count more.
            Map<String, Double> weights = new java.util.HashMap<>();
            int n = samples.size();
            seen.forEach((name, df) -> {
                if (df >= MIN_TEXTS) {
                    weights.put(name, Math.log((n + 1.0) / (df + 1.0)) + 1);
                }
            });
            idf = weights;
        }
        List<Map<String, Double>> features = new java.util.ArrayList<>();
        List<String> labelOfText = new java.util.ArrayList<>();
        List<float[]> meaningOfText = new java.util.ArrayList<>();
        for (Sample sample : samples) {
            float[] vector = meaning == null ? null : meaning.apply(sample.text());
            features.add(TextFeatures.forModel(sample.text(), idf, vector));
            if (vector != null) {
                labelOfText.add(sample.label());
                meaningOfText.add(vector);
            }
        }
        NearestTexts nearest =
                meaning != null && NearestTexts.ENABLED ? NearestTexts.of(labelOfText, meaningOfText) : null;
        MutableDataset<Label> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance("civic311 triage", LABELS), LABELS);
        for (int i = 0; i < samples.size(); i++) {
            Map<String, Double> kept = new java.util.HashMap<>(features.get(i));
            kept.keySet().removeIf(name -> seen.getOrDefault(name, MIN_TEXTS) < MIN_TEXTS);
            if (!kept.isEmpty()) {
                dataset.add(example(kept, new Label(samples.get(i).label())));
            }
        }
        var trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), cost, 1000, 0.01, 1L);
        return new CategoryModel(trainer.train(dataset), idf, meaning, nearest);
    }

    /** The trained weights in the compact form that ships, predicting as the trained model does. */
    LinearModel compact() {
        var libLinear = (org.tribuo.common.liblinear.LibLinearModel<Label>) model;
        de.bwaldvogel.liblinear.Model inner = libLinear.getInnerModels().getFirst();
        int[] ids = inner.getLabels();
        String[] labels = new String[ids.length];
        float[] bias = new float[ids.length];
        for (int c = 0; c < ids.length; c++) {
            labels[c] = model.getOutputIDInfo().getOutput(ids[c]).getLabel();
            bias[c] = (float) inner.getDecfunBias(c);
        }
        var featureMap = model.getFeatureIDMap();
        Map<String, LinearModel.Row> rows = new java.util.HashMap<>();
        for (int feature = 0; feature < featureMap.size(); feature++) {
            java.util.List<Short> classes = new java.util.ArrayList<>();
            java.util.List<Float> weights = new java.util.ArrayList<>();
            for (int c = 0; c < ids.length; c++) {
                float weight = (float) inner.getDecfunCoef(feature + 1, c);
                if (Math.abs(weight) >= LinearModel.SMALLEST) {
                    classes.add((short) c);
                    weights.add(weight);
                }
            }
            if (!classes.isEmpty()) {
                short[] which = new short[classes.size()];
                float[] values = new float[weights.size()];
                for (int i = 0; i < which.length; i++) {
                    which[i] = classes.get(i);
                    values[i] = weights.get(i);
                }
                rows.put(featureMap.get(feature).getName(), new LinearModel.Row(which, values));
            }
        }
        return new LinearModel(labels, bias, rows, idf, meaning != null, nearest);
    }

    /** The labels ranked by probability, most likely first. */
    List<Scored> rank(String text) {
        float[] vector = meaning == null ? null : meaning.apply(text);
        Map<String, Double> features = TextFeatures.forModel(text, idf, vector);
        if (features.isEmpty()) {
            return List.of();
        }
        Prediction<Label> prediction = model.predict(example(features, LabelFactory.UNKNOWN_LABEL));
        List<Scored> linear = prediction.getOutputScores().values().stream()
                .map(label -> new Scored(label.getLabel(), label.getScore()))
                .sorted(Comparator.comparingDouble(Scored::probability).reversed())
                .toList();
        return nearest == null || vector == null ? linear : nearest.blend(linear, vector);
    }

    boolean knows(String label) {
        return model.getOutputIDInfo().getID(new Label(label)) >= 0;
    }

    private static Example<Label> example(Map<String, Double> features, Label label) {
        String[] names = new String[features.size()];
        double[] values = new double[features.size()];
        int i = 0;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            names[i] = feature.getKey();
            values[i] = feature.getValue();
            i++;
        }
        return new ArrayExample<>(label, names, values);
    }
}
