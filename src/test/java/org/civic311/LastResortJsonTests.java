package org.civic311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastResortJsonTests {

    @Test
    void aRefusalsWordsAreWrittenAsAValidJsonString() {
        assertThat(LastResortAnswers.json("the \"name\" \\ is\nodd")).isEqualTo("the \\\"name\\\" \\\\ is\\u000aodd");
        assertThat(LastResortAnswers.json("plain, é and 🕳️")).isEqualTo("plain, é and 🕳️");
    }
}
