package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class CategoryModelTests {

    private static LinearModel model;
    private static SentenceMeaning meaning;

    @BeforeAll
    static void loadTheShippedModel() throws Exception {
        try (InputStream in = new ClassPathResource(CategorySuggester.MODEL).getInputStream()) {
            model = LinearModel.read(in);
        }
        meaning = new SentenceMeaning();
    }

    @Test
    void textsInWordsTheTrainingRarelyUsesAreStillSuggestedWithConfidence() {
        // The words alone give these only 0.17 and 0.32: the training texts say "pothole", not "crater" or "tire".
        assertThat(model.rank("huge crater in the road ate my tire", meaning).getFirst())
                .satisfies(top -> assertThat(top.label()).isEqualTo("CSROWR-12"))
                .satisfies(top -> assertThat(top.probability()).isGreaterThan(0.4));
        assertThat(model.rank("dead raccoon lying on the road", meaning).getFirst())
                .satisfies(top -> assertThat(top.label()).isEqualTo("TAS-DEAD-ANIMAL"))
                .satisfies(top -> assertThat(top.probability()).isGreaterThan(0.5));
    }

    @Test
    void theMeaningIsAUnitVectorAndNothingForABlankText() {
        float[] vector = meaning.of("The street light outside 41 Elm Ave is out");
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertThat(vector).hasSize(SentenceMeaning.DIMENSIONS);
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(meaning.of("  ")).containsOnly(0f);
    }

    @Test
    void aVeryLongTextIsEncodedOnlyAsFarAsItsFirstLines() {
        String start = "The street light outside 41 Elm Ave is out. ".repeat(60);
        String longText = start + "Garbage was not collected. ".repeat(300);
        assertThat(longText.length()).isGreaterThan(2 * SentenceMeaning.READS);
        assertThat(meaning.of(longText)).containsExactly(meaning.of(longText.substring(0, SentenceMeaning.READS)));
    }

    @Test
    void rankingIsTheSameFromManyThreadsAtOnce() {
        List<String> texts = List.of("pothole on Queen St", "garbage not picked up", "tree branch down", "graffiti");
        List<String> alone = texts.stream()
                .map(text -> model.rank(text, meaning).getFirst().label())
                .toList();
        List<String> together = texts.parallelStream()
                .flatMap(text -> java.util.stream.IntStream.range(0, 8)
                        .parallel()
                        .mapToObj(i -> model.rank(text, meaning).getFirst().label())
                        .distinct())
                .toList();
        assertThat(together).containsExactlyElementsOf(alone);
    }
}
