package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The draft a filed request starts the reply with says what was done, and nothing that was not. */
class ReplyStartersTests {

    @Test
    void aRepeatProblemsReplyNamesTheSupervisorOnlyWhenTheyWereToldJustNow() {
        assertThat(ReplyStarters.filed("en", "1000123", "https://311.example/requests/1000123", true, true))
                .contains("raised it with the area's supervisor as a repeat problem");
        assertThat(ReplyStarters.filed("en", "1000123", "https://311.example/requests/1000123", true, false))
                .as("told before, or no one answers for the area: the reply promises no supervisor")
                .contains("we know it keeps happening there")
                .doesNotContain("supervisor");
        assertThat(ReplyStarters.filed("fr", "1000123", "https://311.example/requests/1000123", true, false))
                .doesNotContain("superviseur");
    }
}
