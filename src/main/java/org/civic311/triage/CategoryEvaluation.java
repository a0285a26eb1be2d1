package org.civic311.triage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the category classifier itself on the New Haven rows, with their 22 labels as given: trained on the
 * training file, scored on the evaluation file (never trained or tuned on). With {@code cv}, cross-validates on the
 * training rows alone, which is how its settings were chosen.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.civic311.triage.CategoryEvaluation \
 *     -Dexec.args="eval triage-training/labeled_descriptions_train.csv triage-training/labeled_descriptions_eval.csv"</pre>
 */
public final class CategoryEvaluation {

    static final String NEW_HAVEN = "New Haven";

    private CategoryEvaluation() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("cv")) {
            List<CategoryModel.Sample> train = newHaven(Path.of(args[1]));
            double[] costs = args.length > 2
                    ? java.util.Arrays.stream(args[2].split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray()
                    : new double[] {1, 4, 8, 16};
            for (double cost : costs) {
                System.out.printf("cost %.1f: %s%n", cost, crossValidate(train, cost, 5));
            }
        } else if (args.length == 3 && args[0].equals("eval")) {
            List<CategoryModel.Sample> train = newHaven(Path.of(args[1]));
            List<CategoryModel.Sample> eval = newHaven(Path.of(args[2]));
            long start = System.nanoTime();
            CategoryModel model = CategoryModel.train(train, CategoryModel.COST, meaning());
            long trained = System.nanoTime();
            Score score = score(model, eval);
            System.out.printf(
                    "New Haven: trained on %d rows in %.1f s, evaluated on %d rows: %s%n",
                    train.size(), (trained - start) / 1e9, eval.size(), score);
        } else {
            System.err.println("usage: cv <train.csv> [costs] | eval <train.csv> <eval.csv>");
            System.exit(2);
        }
    }

    /** Top-1 and top-3 accuracy. */
    record Score(double top1, double top3) {
        @Override
        public String toString() {
            return String.format("top-1 %.1f%%, top-3 %.1f%%", top1 * 100, top3 * 100);
        }
    }

    static List<CategoryModel.Sample> newHaven(Path csv) throws java.io.IOException {
        List<CategoryModel.Sample> samples = new ArrayList<>();
        for (Map<String, String> row : TrainingData.read(csv)) {
            if (row.get("source").startsWith(NEW_HAVEN) && !row.get("text").isBlank()) {
                samples.add(new CategoryModel.Sample(row.get("text"), row.get("label")));
            }
        }
        return samples;
    }

    static Score score(CategoryModel model, List<CategoryModel.Sample> samples) {
        int top1 = 0;
        int top3 = 0;
        for (CategoryModel.Sample sample : samples) {
            List<CategoryModel.Scored> ranked = model.rank(sample.text());
            if (!ranked.isEmpty() && ranked.getFirst().label().equals(sample.label())) {
                top1++;
            }
            if (ranked.stream().limit(3).anyMatch(s -> s.label().equals(sample.label()))) {
                top3++;
            }
        }
        return new Score((double) top1 / samples.size(), (double) top3 / samples.size());
    }

    /** The encoder, remembering what it encoded, or null when the words alone are compared. */
    private static java.util.function.@org.jspecify.annotations.Nullable Function<String, float[]> meaning() {
        return CategoryModel.MEANING ? SentenceMeaning.remembering(new SentenceMeaning()) : null;
    }

    static Score crossValidate(List<CategoryModel.Sample> samples, double cost, int folds) {
        var meaning = meaning();
        List<CategoryModel.Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(311));
        double top1 = 0;
        double top3 = 0;
        for (int fold = 0; fold < folds; fold++) {
            List<CategoryModel.Sample> train = new ArrayList<>();
            List<CategoryModel.Sample> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % folds == fold ? test : train).add(shuffled.get(i));
            }
            Score score = score(CategoryModel.train(train, cost, meaning), test);
            top1 += score.top1();
            top3 += score.top3();
        }
        return new Score(top1 / folds, top3 / folds);
    }
}
