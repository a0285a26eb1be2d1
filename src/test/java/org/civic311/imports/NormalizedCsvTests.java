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
    void aQuoteThatNeverClosesCostsItsOwnRowAndTheRowsAfterItAreStillRead() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append("Boston,B-1,2018-10-01T09:00:00,,Open,\"Pothole,,\n");
        for (int i = 2; i < 5000; i++) {
            content.append("Boston,B-").append(i).append(",2018-10-01T09:00:00,,Open,Potholes,,\n");
        }
        List<ArchiveRow> rows = read(content.toString(), null);
        assertThat(rows).hasSize(4999);
        assertThat(rows.getFirst()).isInstanceOfSatisfying(ArchiveRow.Bad.class, bad -> {
            assertThat(bad.line()).isEqualTo(2);
            assertThat(bad.reason()).contains("a quote opened on this line does not close within 50 lines");
        });
        assertThat(rows.subList(1, rows.size()))
                .allSatisfy(row -> assertThat(row).isInstanceOf(ArchiveRow.Read.class));
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.getLast().line()).isEqualTo(5000);
    }

    @Test
    void aRowWithAFieldTooManyOrTooFewIsRefusedRatherThanLoadedWithItsColumnsShifted() throws Exception {
        List<ArchiveRow> rows = read(
                HEADER + "Boston,B-1,2018-10-01T09:00:00,,Open, Closed,Potholes,,\n"
                        + "Boston,B-2,2018-10-01T09:00:00,,Open,Potholes,42.3\n"
                        + "Boston,B-3,2018-10-01T09:00:00,,Open,Potholes,,\n"
                        + "Toronto,T-1,2018-10-01T09:00:00,,Open, Closed,Potholes,,\n",
                "Boston");
        assertThat(rows)
                .extracting(ArchiveRow::line, row -> row instanceof ArchiveRow.Bad bad ? bad.reason() : "read")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                2L, "has 9 fields where the header has 8 (a comma or a quote out of place?)"),
                        org.assertj.core.groups.Tuple.tuple(
                                3L, "has 7 fields where the header has 8 (a comma or a quote out of place?)"),
                        org.assertj.core.groups.Tuple.tuple(4L, "read"),
                        org.assertj.core.groups.Tuple.tuple(
                                5L, "has 9 fields where the header has 8 (a comma or a quote out of place?)"));
    }

    @Test
    void aFileThatIsNotUtf8StopsTheImportSayingSoInsteadOfLoadingGarbledWords() {
        byte[] windows1252 = (HEADER + "Boston,B-1,2018-10-01T09:00:00,,Open,Potholes,,\n"
                        + "Boston,B-2,2018-10-01T09:00:00,,Open,Caf\u00e9 sidewalk,,\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    NormalizedCsv reader = new NormalizedCsv(
                            new CountingStream(new ByteArrayInputStream(windows1252)),
                            0,
                            ZoneId.of("America/Toronto"),
                            null);
                    while (reader.next() != null) {
                        // read to the end
                    }
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the file is not UTF-8 text (from line ");
    }
}
