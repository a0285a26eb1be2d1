package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class W3cDateTimeTests {

    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Test
    void datesAreWrittenExactlyAsTheW3cPatternWritesThemInEveryKindOfZone() {
        List<ZoneId> zones = List.of(
                ZoneId.of("America/Toronto"),
                ZoneId.of("UTC"),
                ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"),
                ZoneId.of("Pacific/Chatham"),
                ZoneId.of("Europe/Paris"));
        Random random = new Random(311);
        for (int i = 0; i < 20_000; i++) {
            // From 1970 to 2100, with fractions of a second that must be dropped.
            Instant instant = Instant.ofEpochSecond(random.nextLong(4_102_444_800L), random.nextInt(1_000_000_000));
            ZoneId zone = zones.get(i % zones.size());
            assertThat(Representations.w3c(instant, zone))
                    .isEqualTo(PATTERN.format(
                            instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone)));
        }
    }

    @Test
    void theChangeToSummerTimeAndFarYearsAreWrittenAsThePatternWritesThem() {
        ZoneId toronto = ZoneId.of("America/Toronto");
        Instant spring = Instant.parse("2026-03-08T06:59:59Z");
        assertThat(Representations.w3c(spring, toronto)).isEqualTo("2026-03-08T01:59:59-05:00");
        assertThat(Representations.w3c(spring.plusSeconds(1), toronto)).isEqualTo("2026-03-08T03:00:00-04:00");
        Instant far = Instant.parse("+12026-01-01T00:00:00Z");
        assertThat(Representations.w3c(far, ZoneId.of("UTC"))).isEqualTo(PATTERN.format(far.atZone(ZoneId.of("UTC"))));
        assertThat(Representations.w3c(null, toronto)).isNull();
    }
}
