package org.civic311.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalised CSV as real files write it: byte order marks, and quotes that never close. */
class NormalizedCsvTests {

    static final String HEADER = "city,request_id,created_at,closed_at,status,service_type,latitude,longitude\n";

    static List<ArchiveRow> read(String content, String city) throws Exception {
        NormalizedCsv reader = new NormalizedCsv(
                new CountingStream(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))),
                0,
                ZoneId.of("America/Toronto"),
                city);
        List<ArchiveRow> rows = new ArrayList<>();
        for (ArchiveRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
        List<ArchiveRow> rows = read(
                "\uFEFF" + HEADER + "Boston,B-1,2018-10-01T09:00:00,,Open,Potholes,,\n"
                        + "Toronto,T-1,2018-10-01T09:00:00,,Open,Potholes,,\n",
                "Boston");
        assertThat(rows).singleElement().isInstanceOfSatisfying(ArchiveRow.Read.class, row -> assertThat(
                        row.request().publicId())
                .isEqualTo("B-1"));
    }

    @Test
    void aQuoteThatNeverClosesRefusesOneRowInsteadOfSwallowingTheFileIntoMemory() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append("Boston,B-1,2018-10-01T09:00:00,,Open,\"Pothole,,\n");
        for (int i = 2; i < 5000; i++) {
            content.append("Boston,B-").append(i).append(",2018-10-01T09:00:00,,Open,Potholes,,\n");
        }
        List<ArchiveRow> rows = read(content.toString(), null);
        assertThat(rows).singleElement().isInstanceOfSatisfying(ArchiveRow.Bad.class, bad -> {
            assertThat(bad.line()).isEqualTo(2);
            assertThat(bad.reason()).contains("a quote that never closes");
        });
    }
}
