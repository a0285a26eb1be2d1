package org.civic311.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The CSV import reads any file as rows, each imported or refused with its line; nothing in a file can stop it with
 * an unexpected exception (coverage-guided by Jazzer, and as a jqwik property of the record reader).
 */
class CsvImportFuzzTests {

    private static final byte[] HEADER =
            (String.join(",", NormalizedCsv.COLUMNS) + "\n").getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadAsRowsOrRefusedRowsNeverACrash(byte[] body) throws IOException {
        byte[] file = new byte[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, file, 0, HEADER.length);
        System.arraycopy(body, 0, file, HEADER.length, body.length);
        NormalizedCsv opened;
        try {
            opened = new NormalizedCsv(
                    new CountingStream(new ByteArrayInputStream(file)),
                    file.length,
                    ZoneId.of("America/Toronto"),
                    null);
        } catch (IllegalArgumentException e) {
            // The header is read at once, with the first block of the file: bytes that are not UTF-8 may stop it there.
            assertThat(e.getMessage()).startsWith("the file is not UTF-8 text");
            return;
        }
        try (NormalizedCsv rows = opened) {
            long lastLine = 1;
            for (ArchiveRow row = next(rows); row != null; row = next(rows)) {
                long line =
                        switch (row) {
                            case ArchiveRow.Read read -> read.line();
                            case ArchiveRow.Bad bad -> {
                                assertThat(bad.reason())
                                        .as("a refused row says why")
                                        .isNotBlank();
                                yield bad.line();
                            }
                        };
                assertThat(line).as("rows come in file order").isGreaterThan(lastLine);
                lastLine = line;
            }
        }
    }

    /** The next row; null at the end, and at bytes that are not UTF-8, the one refusal that stops a whole file. */
    private static ArchiveRow next(NormalizedCsv rows) throws IOException {
        try {
            return rows.next();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("the file is not UTF-8 text");
            return null;
        }
    }

    @Property(tries = 500)
    void anyTextIsReadAsRecordsInLineOrder(@ForAll String text) throws IOException {
        CsvRecords records = new CsvRecords(new StringReader(text));
        long lastLine = 0;
        for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
            assertThat(record.line()).isGreaterThan(lastLine);
            lastLine = record.line();
        }
    }
}
