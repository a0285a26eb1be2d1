package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.civic311.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class ParametersTests {

    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    private static Instant dateTime(String given) {
        return new Parameters(Map.of("updated_after", new String[] {given})).dateTime("updated_after", TORONTO);
    }

    @Test
    void anOffsetWhosePlusArrivedAsASpaceIsReadAsThePlusItWas() {
        // A client copying a server's updated_datetime into a query string without encoding its "+".
        assertThat(dateTime("2026-03-01T10:00:00 01:00")).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(dateTime("2026-03-01T10:00 05:30")).isEqualTo(Instant.parse("2026-03-01T04:30:00Z"));
        assertThat(dateTime("2026-03-01T10:00:00+01:00")).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(dateTime("2026-03-01T10:00:00-05:00")).isEqualTo(Instant.parse("2026-03-01T15:00:00Z"));
    }

    @Test
    void otherSpacesAreStillRefusedNamingWhatWasGiven() {
        assertThatThrownBy(() -> dateTime("2026-03-01 10:00:00"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2026-03-01 10:00:00");
        assertThatThrownBy(() -> dateTime("2026-03-01T10:00:00 1:00")).isInstanceOf(InvalidInputException.class);
    }
}
