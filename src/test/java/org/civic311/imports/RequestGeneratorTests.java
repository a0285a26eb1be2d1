package org.civic311.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.civic311.requests.HistoryLoader;
import org.junit.jupiter.api.Test;

/** Generated requests read back as the import reads them. */
class RequestGeneratorTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    @Test
    void requestsMadeAndClosedInTheHourTheClocksGoBackReadBackInTheirOrder() throws Exception {
        // Made at 1:xx am and closed 40 minutes later, on the night the clocks go back: local times alone would
        // often put the closing before the report.
        List<HistoryLoader.Sample> samples = List.of(new HistoryLoader.Sample(
                "CSROWR-12",
                "Transportation Services",
                43.7,
                -79.4,
                "Adanac Dr / Mason Rd",
                Instant.parse("2018-10-01T05:30:00Z"),
                Duration.ofMinutes(40)));
        RequestGenerator generator = new RequestGenerator(samples, "City of Toronto", TORONTO);
        StringWriter out = new StringWriter();
        LocalDate night = LocalDate.of(2025, 11, 2);

        generator.write(out, 500, night, night, 7, null);

        NormalizedCsv reader = new NormalizedCsv(
                new CountingStream(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8))),
                0,
                TORONTO,
                null);
        List<ArchiveRow> rows = new ArrayList<>();
        for (ArchiveRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        assertThat(rows).hasSize(500).allSatisfy(row -> assertThat(row).isInstanceOf(ArchiveRow.Read.class));
        assertThat(rows).allSatisfy(row -> {
            var request = ((ArchiveRow.Read) row).request();
            assertThat(Duration.between(request.requestedAt(), request.updatedAt()))
                    .isEqualTo(Duration.ofMinutes(40));
        });
    }
}
