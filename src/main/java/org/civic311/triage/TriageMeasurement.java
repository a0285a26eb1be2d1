package org.civic311.triage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.core.io.ClassPathResource;

/**
 * Measures triage for docs/BENCHMARKS.md: emergency recall and false alarms on the labelled set, false alarms on
 * every text of the evaluation file, abusive-language precision and recall, and the time triage takes per message
 * (emergency, civility, language, address and the shipped category model; without the database look-ups).
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.civic311.triage.TriageMeasurement -Dexec.args="\
 *     src/test/resources/triage/emergency-messages.csv src/test/resources/triage/abusive-messages.csv \
 *     triage-training/labeled_descriptions_eval.csv"</pre>
 */
public final class TriageMeasurement {

    private TriageMeasurement() {}

    public static void main(String[] args) throws Exception {
        List<Map<String, String>> emergencies = TrainingData.read(Path.of(args[0]));
        List<Map<String, String>> abusive = TrainingData.read(Path.of(args[1]));
        List<Map<String, String>> eval = TrainingData.read(Path.of(args[2]));

        Confusion emergency = Confusion.of(
                emergencies, "emergency", text -> EmergencyDetector.detect(text).isPresent());
        System.out.printf(
                "emergency set: %d emergencies, %d ordinary; recall %.1f%%, false alarms %.1f%%%n",
                emergency.positives(), emergency.negatives(), emergency.recall(), emergency.falseAlarms());
        long evalFlags = eval.stream()
                .filter(row -> EmergencyDetector.detect(row.get("text")).isPresent())
                .count();
        System.out.printf(
                "evaluation file: %d of %d texts flagged as emergencies (%.1f%%)%n",
                evalFlags, eval.size(), 100.0 * evalFlags / eval.size());

        Confusion abuse = Confusion.of(
                abusive, "abusive", text -> CivilityFilter.check(text).severity() != Severity.NONE);
        System.out.printf(
                "abusive set: %d abusive, %d civil; precision %.1f%%, recall %.1f%%%n",
                abuse.positives(), abuse.negatives(), abuse.precision(), abuse.recall());

        LinearModel model;
        try (InputStream in = new ClassPathResource(CategorySuggester.MODEL).getInputStream()) {
            model = LinearModel.read(in);
        }
        LanguageGuess languages = new LanguageGuess();
        SentenceMeaning meaning = new SentenceMeaning();
        List<String> texts = new ArrayList<>();
        eval.forEach(row -> texts.add(row.get("text")));
        emergencies.forEach(row -> texts.add(row.get("text")));
        for (int warm = 0; warm < 3; warm++) {
            texts.forEach(text -> triage(text, model, meaning, languages));
        }
        long[] nanos = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long start = System.nanoTime();
            triage(texts.get(i), model, meaning, languages);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "triage per message over %d texts: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                nanos.length,
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }

    private static void triage(String text, LinearModel model, SentenceMeaning meaning, LanguageGuess languages) {
        EmergencyDetector.detect(text);
        CivilityFilter.check(text);
        languages.of(text);
        AddressFinder.find(text);
        model.rank(text, meaning);
    }

    /** How a yes/no check fared against labelled rows. */
    private record Confusion(int tp, int fn, int fp, int tn) {

        static Confusion of(List<Map<String, String>> rows, String label, Predicate<String> check) {
            int tp = 0, fn = 0, fp = 0, tn = 0;
            for (Map<String, String> row : rows) {
                boolean flagged = check.test(row.get("text"));
                if (row.get(label).equals("true")) {
                    if (flagged) tp++;
                    else fn++;
                } else if (flagged) fp++;
                else tn++;
            }
            return new Confusion(tp, fn, fp, tn);
        }

        int positives() {
            return tp + fn;
        }

        int negatives() {
            return fp + tn;
        }

        double recall() {
            return 100.0 * tp / (tp + fn);
        }

        double precision() {
            return 100.0 * tp / (tp + fp);
        }

        double falseAlarms() {
            return 100.0 * fp / (fp + tn);
        }
    }
}
