package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An answer from the knowledge base put into a reply: after what the agent wrote, cut to what the channel carries. */
class InboxAnswersTests {

    static final String ANSWER = "Bins must be at the curb by 7 a.m. on collection day. Residents may put them out the"
            + " evening before. Leave about 0.5 m between bins.\n\nMaterial piled on top is left behind.";

    @Test
    void anAnswerIsCutBetweenSentencesToWhatTheChannelCarriesAndNeverInsideAnAbbreviation() {
        assertThat(InboxAnswers.withAnswer("", ANSWER, text -> text.length() <= 100))
                .isEqualTo(
                        "Bins must be at the curb by 7 a.m. on collection day. Residents may put them out the evening"
                                + " before.");
        assertThat(InboxAnswers.withAnswer("", ANSWER, text -> true))
                .as("whole, its paragraphs run together in one reply")
                .isEqualTo(
                        "Bins must be at the curb by 7 a.m. on collection day. Residents may put them out the evening"
                                + " before. Leave about 0.5 m between bins. Material piled on top is left behind.");
    }

    @Test
    void whatTheAgentWroteIsKeptAndTheFirstSentenceComesEvenWhenNothingFits() {
        assertThat(InboxAnswers.withAnswer("Thanks for asking!\r\n", ANSWER, text -> false))
                .as("the count then says it is too long; the agent shortens it")
                .isEqualTo("Thanks for asking!\n\nBins must be at the curb by 7 a.m. on collection day.");
    }
}
