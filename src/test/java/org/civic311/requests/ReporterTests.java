package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReporterTests {

    @Test
    void aNameFromAnotherRecordIsSplitAtItsFirstSpace() {
        Reporter reporter = Reporter.named(" Ann Marie Smith ", "ann@example.org", null, null);

        assertThat(reporter.firstName()).isEqualTo("Ann");
        assertThat(reporter.lastName()).isEqualTo("Marie Smith");
        assertThat(reporter.email()).isEqualTo("ann@example.org");
    }

    @Test
    void aNameLongerThanIntakeKeepsIsCutNotRefusedAndNeverInsideACharacter() {
        String longWord = "W".repeat(99) + "😀" + "x".repeat(50);

        Reporter reporter = Reporter.named(longWord + " " + "L".repeat(150), null, "+14165550100", null);

        assertThat(reporter.firstName()).isEqualTo("W".repeat(99));
        assertThat(reporter.lastName()).hasSize(Reporter.MAX_NAME);
        assertThat(Reporter.named("   ", null, null, null).isAnonymous()).isTrue();
    }
}
