package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A list of escalations cut at what a page shows says that it was cut. */
class EscalationListTests {

    @Test
    void aListReadOnePastWhatIsShownSaysItHadMoreAndShowsNoMoreThanThat() {
        List<Integer> page = new ArrayList<>();
        List<Integer> read =
                IntStream.range(0, ConsoleScreens.ESCALATIONS_SHOWN + 1).boxed().toList();
        assertThat(ConsoleScreens.shown(page, read)).isTrue();
        assertThat(page).hasSize(ConsoleScreens.ESCALATIONS_SHOWN);

        List<Integer> fewer = new ArrayList<>();
        assertThat(ConsoleScreens.shown(fewer, read.subList(0, ConsoleScreens.ESCALATIONS_SHOWN)))
                .isFalse();
        assertThat(fewer).hasSize(ConsoleScreens.ESCALATIONS_SHOWN);
    }
}
