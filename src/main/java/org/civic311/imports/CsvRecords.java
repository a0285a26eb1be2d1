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
     * @param oversized whether a field ran past {@link #MAX_FIELD} characters (cut there)
     * @param runaway whether a quote opened on its line did not close within {@link #MAX_QUOTED_LINES} lines: the
     *     record is only what came before that quote, and the lines after its first are read again as records of
     *     their own, so that one stray quote costs one row, not the hundreds after it
     */
    record Record(long line, List<String> fields, boolean oversized, boolean runaway) {}

    static final int MAX_FIELD = 100_000;

    /** The most lines one quoted field may span: descriptions with line breaks have a few, never dozens. */
    static final int MAX_QUOTED_LINES = 50;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int length;
    private int position;
    private long line = 1;
    /** Characters read already and to be read again, before the file's next ones: a runaway quote's lines. */
    private String replay = "";

    private int replayed;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the file. */
    @Nullable
    Record next() throws IOException {
        if (peek() < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean oversized = false;
        int quotedLines = 0;
        // What was read after the record's first line, to read again should its quote run away.
        StringBuilder after = null;
        for (int read = read(); read >= 0; read = read()) {
            char c = (char) read;
            if (after != null) {
                after.append(c);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        field.append('"');
                        read();
                        if (after != null) {
                            after.append('"');
                        }
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                        quotedLines++;
                        if (after == null) {
                            after = new StringBuilder();
                        }
                        if (quotedLines > MAX_QUOTED_LINES || after.length() > MAX_FIELD) {
                            replay = after + replay.substring(replayed);
                            replayed = 0;
                            line = start + 1;
                            return new Record(start, fields, oversized, true);
                        }
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
        return new Record(start, fields, oversized, false);
    }

    /** The line the reader has reached. */
    long line() {
        return line;
    }

    private int read() throws IOException {
        if (replayed < replay.length()) {
            return replay.charAt(replayed++);
        }
        if (!replay.isEmpty()) {
            replay = "";
            replayed = 0;
        }
        if (!fill()) {
            return -1;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (replayed < replay.length()) {
            return replay.charAt(replayed);
        }
        if (!fill()) {
            return -1;
        }
        return buffer[position];
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
