package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmergencyDetectorTests {

    @Test
    void everyEmergencyOfTheLabelledSetIsCaughtAndAtMostTwoPercentOfOrdinaryMessagesAreFlagged() {
        List<Map<String, String>> set = LabelledSets.read("triage/emergency-messages.csv");
        assertThat(set.stream().filter(r -> r.get("emergency").equals("true"))).hasSizeGreaterThanOrEqualTo(150);
        assertThat(set.stream().filter(r -> r.get("emergency").equals("false"))).hasSizeGreaterThanOrEqualTo(300);
        List<String> missed = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        int tn = 0;
        for (Map<String, String> row : set) {
            boolean emergency = EmergencyDetector.detect(row.get("text")).isPresent();
            if (row.get("emergency").equals("true")) {
                if (emergency) {
                    tp++;
                } else {
                    missed.add(row.get("text"));
                }
            } else if (emergency) {
                fp++;
            } else {
                tn++;
            }
        }
        var counts = new LabelledSets.Counts(tp, missed.size(), fp, tn);
        assertThat(missed).as("missed emergencies").isEmpty();
        assertThat(counts.recall()).isEqualTo(1.0);
        assertThat(counts.falseAlarmRate()).isLessThanOrEqualTo(0.02);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "there's smoke coming out of the house next door and I hear someone inside|FIRE_SMOKE",
                "a live wire is down on Elm St and it's sparking|POWER_LINE",
                "strong smell of gas in our basement|GAS",
                "the underpass on Dufferin is flooded and a car is stuck in the water with people inside|FLOODING_DANGER",
                "il y a de la fumée qui sort de la maison d'à côté|FIRE_SMOKE",
                "huele a gas en todo el edificio|GAS",
            })
    void recognisesTheEmergenciesOfTheStories(String text, EmergencyKind kind) {
        assertThat(EmergencyDetector.detect(text)).contains(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no smoke or fire, just a burnt-out streetlight on Queen St",
                "the fire last year was put out, when will the burnt tree be removed?",
                "how do I get a free smoke detector?",
                "pothole in the Fire Station 5 parking lot",
                "the bins were left blocking the sidewalk at 41 Elm Ave again",
            })
    void negationsPastEventsQuestionsAndNamesAreNotEmergencies(String text) {
        assertThat(EmergencyDetector.detect(text)).isEmpty();
    }
}
