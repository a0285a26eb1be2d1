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

    @Test
    void theShippedModelCarriesItsTrainingTextsToVoteByMeaning() {
        assertThat(model.hasNearestTexts()).isTrue();
    }

    @Test
    void theNearestTextsVoteForTheirOwnLabels() {
        NearestTexts nearest = nearest();
        double[] lamp = nearest.votes(meaning.of("the lamp post on my corner has gone dark"));
        double[] bins = nearest.votes(meaning.of("nobody picked up our rubbish bins this week"));
        // Labels are kept in sorted order: LIGHT, then TRASH.
        assertThat(lamp[0]).isGreaterThan(0.9);
        assertThat(bins[1]).isGreaterThan(0.9);
        assertThat(lamp[0] + lamp[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theNeighboursTurnACloseCallOfTheLinearModel() {
        List<CategoryModel.Scored> linear =
                List.of(new CategoryModel.Scored("TRASH", 0.55), new CategoryModel.Scored("LIGHT", 0.45));
        List<CategoryModel.Scored> blended =
                nearest().blend(linear, meaning.of("the lamp post on my corner has gone dark"));
        assertThat(blended.getFirst().label()).isEqualTo("LIGHT");
        assertThat(blended.stream()
                        .mapToDouble(CategoryModel.Scored::probability)
                        .sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theNearestTextsReadBackAsTheyWereWritten() throws Exception {
        NearestTexts nearest = nearest();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            nearest.write(out);
        }
        NearestTexts read =
                NearestTexts.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        float[] probe = meaning.of("street light flickering at night");
        assertThat(read.size()).isEqualTo(nearest.size());
        assertThat(read.votes(probe)).containsExactly(nearest.votes(probe), org.assertj.core.data.Offset.offset(1e-2));
    }

    private static NearestTexts nearest() {
        List<String> texts = List.of(
                "The street light is out",
                "streetlight not working at night",
                "lamp post broken and dark",
                "Garbage was not collected",
                "trash pickup missed on our street",
                "recycling bin left full");
        List<String> labels = List.of("LIGHT", "LIGHT", "LIGHT", "TRASH", "TRASH", "TRASH");
        return NearestTexts.of(labels, texts.stream().map(meaning::of).toList());
    }
}
