package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CivilityFilterTests {

    @Test
    void findsAbuseInTheLabelledSetWithHighPrecisionAndRecall() {
        List<Map<String, String>> set = LabelledSets.read("triage/abusive-messages.csv");
        assertThat(set).hasSizeGreaterThanOrEqualTo(200);
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        for (Map<String, String> row : set) {
            boolean abusive = CivilityFilter.check(row.get("text")).severity() != Severity.NONE;
            boolean labelled = row.get("abusive").equals("true");
            if (labelled && abusive) {
                tp++;
            } else if (labelled) {
                fn++;
            } else if (abusive) {
                fp++;
            } else {
                tn++;
            }
        }
        var counts = new LabelledSets.Counts(tp, fn, fp, tn);
        assertThat(counts.recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(counts.precision()).isGreaterThanOrEqualTo(0.97);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f*ck", "f@ck", "f u c k", "fuuuuck", "sh!t", "s.h.i.t", "m3rde", "putain"})
    void disguisedProfanityIsFoundAndMasked(String word) {
        CivilityFilter.Finding finding = CivilityFilter.check("this " + word + " pothole again");
        assertThat(finding.severity()).isEqualTo(Severity.MILD);
        assertThat(finding.masked())
                .startsWith("this ")
                .endsWith(" pothole again")
                .doesNotContain(word);
    }

    @Test
    void aProfanePhraseHasItsSwearWordMaskedButTheNeighbourhoodKeepsItsName() {
        var finding = CivilityFilter.check("What the hell is wrong with the crew on Hell's Kitchen Lane?");
        assertThat(finding.severity()).isEqualTo(Severity.MILD);
        assertThat(finding.masked()).startsWith("What the h*** is wrong").doesNotContain("the hell");
        assertThat(CivilityFilter.check("Hell's Kitchen Lane has a pothole").masked())
                .isEqualTo("Hell's Kitchen Lane has a pothole");
    }

    @Test
    void insultsAndThreatsAreWorseThanProfanity() {
        assertThat(CivilityFilter.check("you useless idiots at city hall").severity())
                .isEqualTo(Severity.OFFENSIVE);
        assertThat(CivilityFilter.check("I know where you live").severity()).isEqualTo(Severity.SEVERE);
        assertThat(CivilityFilter.check("espèce de connard").severity()).isEqualTo(Severity.OFFENSIVE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Pothole on the Scunthorpe road near the assessment office",
                "Sussex Drive bus shelter is cracked",
                "the bass pro shop parking lot needs plowing",
                "la conséquence d'un retard de paiement"
            })
    void innocentWordsThatContainProfanityStayClean(String text) {
        CivilityFilter.Finding finding = CivilityFilter.check(text);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
        assertThat(finding.masked()).isEqualTo(text);
    }
}
