package org.civic311.triage;

import java.nio.file.Path;
import java.util.List;
import org.civic311.common.PersonalDetails;

/**
 * How long masking contact details takes a text, as every imported description and every public view passes it:
 * each text of a labelled file masked twenty times a round, five rounds, the last ones warm. A measurement, not a
 * test.
 *
 * <pre>
 * ./mvnw -q test-compile &amp;&amp; java -cp target/classes:target/test-classes org.civic311.triage.MaskingTiming \
 *   triage-training/labeled_descriptions_eval.csv
 * </pre>
 */
public final class MaskingTiming {

    private MaskingTiming() {}

    public static void main(String[] args) throws Exception {
        List<String> lines = TrainingData.read(Path.of(args[0])).stream()
                .map(row -> row.get("text"))
                .toList();
        long kept = 0;
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            for (int time = 0; time < 20; time++) {
                for (String line : lines) {
                    kept += PersonalDetails.masked(line).length();
                }
            }
            double micros = (System.nanoTime() - start) / 1000.0 / (20.0 * lines.size());
            System.out.printf("round %d: %.2f µs a text (%d texts)%n", round, micros, lines.size());
        }
        System.out.println("characters kept: " + kept);
    }
}
