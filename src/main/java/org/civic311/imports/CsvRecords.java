package org.civic311.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 CSV one record at a time, streaming: quoted fields may hold commas, quotes and line breaks. Each
 * record knows the line of the file it starts on, so a refused row can be named by the line a person would open.
 */
final class CsvRecords {

    /**
     * A record and the line it starts on (the header is line 1).
     *
     * @param oversized whether a field ran past {@link #MAX_FIELD} characters (cut there): most often a quote that
     *     never closes, which would otherwise swallow the rest of the file into one field
     */
    record Record(long line, List<String> fields, boolean oversized) {}

    static final int MAX_FIELD = 100_000;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int length;
    private int position;
    private long line = 1;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the file. */
    @Nullable
    Record next() throws IOException {
        if (!fill()) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean oversized = false;
        while (fill()) {
            char c = buffer[position++];
            if (quoted) {
                if (c == '"') {
                    if (fill() && buffer[position] == '"') {
                        field.append('"');
                        position++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    if (field.length() < MAX_FIELD) {
                        field.append(c);
                    } else {
                        oversized = true;
                    }
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r') {
                if (field.length() < MAX_FIELD) {
                    field.append(c);
                } else {
                    oversized = true;
                }
            }
        }
        fields.add(field.toString());
        return new Record(start, fields, oversized);
    }

    /** The line the reader has reached. */
    long line() {
        return line;
    }

    private boolean fill() throws IOException {
        if (position < length) {
            return true;
        }
        length = in.read(buffer);
        position = 0;
        return length > 0;
    }
}
