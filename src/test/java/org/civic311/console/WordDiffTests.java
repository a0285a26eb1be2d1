package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordDiffTests {

    @Test
    void aChangedWordIsTakenOutAndPutInWhereItStood() {
        assertThat(WordDiff.between("The depot opens Saturdays at nine.", "The depot opens Sundays at nine."))
                .containsExactly(
                        new WordDiff.Part(WordDiff.Part.Kind.KEPT, "The depot opens "),
                        new WordDiff.Part(WordDiff.Part.Kind.REMOVED, "Saturdays "),
                        new WordDiff.Part(WordDiff.Part.Kind.ADDED, "Sundays "),
                        new WordDiff.Part(WordDiff.Part.Kind.KEPT, "at nine."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Bins go out by 7 am.|Bins go out by 6 am on Monday, or the evening before.",
                "|Everything is new.",
                "Everything goes.|",
                // Lines, as the CSV cannot hold them: read back below.
                "Line one.<br><br>Line two.|Line one.<br>Line two, changed.<br>"
            })
    void theKeptAndTakenOutPartsAreTheOldTextAndTheKeptAndPutInTheNew(String before, String after) {
        String was = before == null ? "" : before.replace("<br>", "\n");
        String is = after == null ? "" : after.replace("<br>", "\n");
        List<WordDiff.Part> parts = WordDiff.between(was, is);
        assertThat(String.join(
                        "",
                        parts.stream()
                                .filter(p -> p.kind() != WordDiff.Part.Kind.ADDED)
                                .map(WordDiff.Part::text)
                                .toList()))
                .as("a word kept is shown with the spacing it has now: spacing alone is no change a reviewer reads")
                .isEqualToIgnoringWhitespace(was);
        assertThat(String.join(
                        "",
                        parts.stream()
                                .filter(p -> !p.removed())
                                .map(WordDiff.Part::text)
                                .toList()))
                .isEqualTo(is);
        assertThat(WordDiff.changed(parts)).isTrue();
    }

    @Test
    void theSameTextChangesNothing() {
        assertThat(WordDiff.changed(WordDiff.between("Same words.", "Same words.")))
                .isFalse();
    }
}
