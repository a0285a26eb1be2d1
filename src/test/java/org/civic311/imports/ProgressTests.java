package org.civic311.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time left is judged from what this run read, whether or not it went on from an interrupted one. */
class ProgressTests {

    @Test
    void aResumedImportJudgesTheTimeLeftFromItsOwnPartOfTheFile() {
        // Half the file was committed before the interruption; this run read a quarter more in ten seconds.
        var resumed = new HistoryImport.Progress(250, 250, 0, 0.75, 0.5, Duration.ofSeconds(10));
        assertThat(resumed.remaining()).isEqualTo(Duration.ofSeconds(10));
        assertThat(resumed.rate()).isEqualTo(25.0);

        var fresh = new HistoryImport.Progress(750, 750, 0, 0.75, 0, Duration.ofSeconds(30));
        assertThat(fresh.remaining()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new HistoryImport.Progress(0, 0, 0, 0.5, 0.5, Duration.ofSeconds(1)).remaining())
                .as("nothing of its own read yet: nothing to judge by")
                .isNull();
    }
}
