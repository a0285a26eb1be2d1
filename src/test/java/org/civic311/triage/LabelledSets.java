package org.civic311.triage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;

/** The labelled sets kept with the tests: emergencies and ordinary messages, abusive and civil messages. */
final class LabelledSets {

    private LabelledSets() {}

    static List<Map<String, String>> read(String resource) {
        try (var reader =
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8)) {
            return TrainingData.read(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recall and false-alarm (or precision) figures of a detector over a set. */
    record Counts(int truePositives, int falseNegatives, int falsePositives, int trueNegatives) {
        double recall() {
            return (double) truePositives / (truePositives + falseNegatives);
        }

        double falseAlarmRate() {
            return (double) falsePositives / (falsePositives + trueNegatives);
        }

        double precision() {
            return (double) truePositives / (truePositives + falsePositives);
        }
    }
}
