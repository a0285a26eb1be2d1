package org.civic311.imports;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.civic311.requests.HistoricalRequest;
import org.civic311.requests.Location;
import org.jspecify.annotations.Nullable;

/**
 * The normalised CSV of many cities' 311 requests ({@code city, request_id, created_at, closed_at, status,
 * service_type, ...}). Times without an offset are local to the jurisdiction (or the zone given); a date alone is the
 * start of that day.
 */
final class NormalizedCsv implements ArchiveRow.Reader {

    static final List<String> COLUMNS = List.of(
            "city",
            "request_id",
            "created_at",
            "closed_at",
            "status",
            "service_type",
            "service_subtype",
            "agency",
            "source_channel",
            "address",
            "zipcode",
            "latitude",
            "longitude",
            "district",
            "description");

    /** Statuses that mean the work is over, whatever else the archive says. */
    private static final Set<String> CLOSED =
            Set.of("closed", "closed (duplicate)", "cancelled", "canceled", "archived", "resolved", "completed");

    static final int MAX_TEXT = 4000;

    /** A time that ends with its offset from UTC, "-05:00". */
    private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile("[+-]\\d\\d:\\d\\d$");

    private final CsvRecords records;
    private final CountingStream counted;
    private final long size;
    private final ZoneId zone;
    private final @Nullable String city;
    private final Map<String, Integer> columns = new HashMap<>();
    /** How many fields the header has, and so every row. */
    private final int width;

    NormalizedCsv(CountingStream counted, long size, ZoneId zone, @Nullable String city) throws IOException {
        this.counted = counted;
        this.size = size;
        // Bytes that are not UTF-8 (a file saved as Windows-1252) stop the import, said, rather than become "Caf�".
        this.records = new CsvRecords(new java.io.InputStreamReader(
                counted,
                java.nio.charset.StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)));
        this.zone = zone;
        this.city = city;
        CsvRecords.Record header = record();
        if (header == null) {
            throw new IllegalArgumentException("the file is empty: a header line is expected");
        }
        width = header.fields().size();
        for (int i = 0; i < header.fields().size(); i++) {
            // A byte order mark, as spreadsheet programs write, is not part of the first column's name.
            columns.put(header.fields().get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), i);
        }
        for (String needed : List.of("request_id", "created_at", "service_type")) {
            if (!columns.containsKey(needed)) {
                throw new IllegalArgumentException("the header has no column " + needed + "; expected " + COLUMNS);
            }
        }
    }

    private CsvRecords.@Nullable Record record() throws IOException {
        try {
            return records.next();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("the file is not UTF-8 text (from line " + records.line()
                    + " on): save it as CSV UTF-8 and import it again (requests already loaded are recognised,"
                    + " not loaded twice)");
        }
    }

    @Override
    public @Nullable ArchiveRow next() throws IOException {
        while (true) {
            CsvRecords.Record record = record();
            if (record == null) {
                return null;
            }
            if (record.fields().size() == 1 && record.fields().getFirst().isBlank()) {
                continue;
            }
            // A row whose columns cannot be trusted is refused whatever city it seems to be of: skipped as another
            // city's, it would go unsaid.
            boolean malformed = record.runaway() || !aligned(record);
            if (!malformed && city != null && !city.equalsIgnoreCase(value(record, "city"))) {
                continue;
            }
            return read(record);
        }
    }

    /**
     * As many fields as the header. Not one more left empty either: a comma out of place in a row whose last column is
     * empty looks just like it, and a file whose every row ends with a comma its header lacks is refused row by row
     * with the reason, to be fixed once.
     */
    private boolean aligned(CsvRecords.Record record) {
        return record.fields().size() == width;
    }

    private ArchiveRow read(CsvRecords.Record record) {
        String id = value(record, "request_id");
        if (record.runaway()) {
            return new ArchiveRow.Bad(
                    record.line(),
                    id,
                    "a quote opened on this line does not close within " + CsvRecords.MAX_QUOTED_LINES
                            + " lines; the lines after it are read as rows of their own");
        }
        // A comma or a quote out of place shifts every column after it: the row would load with its fields mixed.
        if (!aligned(record)) {
            return new ArchiveRow.Bad(
                    record.line(),
                    id,
                    "has " + record.fields().size() + " fields where the header has " + width
                            + " (a comma or a quote out of place?)");
        }
        if (record.oversized()) {
            return new ArchiveRow.Bad(
                    record.line(),
                    id,
                    "a field is longer than " + CsvRecords.MAX_FIELD + " characters (a quote that never closes?)");
        }
        try {
            if (id == null) {
                throw new Refused("request_id is missing");
            }
            if (id.length() > 40) {
                throw new Refused("request_id is longer than 40 characters");
            }
            String kind = value(record, "service_type");
            if (kind == null) {
                throw new Refused("service_type is missing");
            }
            Instant created = time("created_at", value(record, "created_at"));
            if (created == null) {
                throw new Refused("created_at is missing");
            }
            Instant closedAt = time("closed_at", value(record, "closed_at"));
            if (closedAt != null && closedAt.isBefore(created)) {
                throw new Refused("closed_at is before created_at");
            }
            String status = value(record, "status");
            boolean closed = closedAt != null || (status != null && CLOSED.contains(status.toLowerCase(Locale.ROOT)));
            Double lat = coordinate(record, "latitude", 90);
            Double lon = coordinate(record, "longitude", 180);
            if ((lat == null) != (lon == null) || (lat != null && lat == 0 && lon == 0)) {
                lat = null;
                lon = null;
            }
            String agency = value(record, "agency");
            return new ArchiveRow.Read(
                    record.line(),
                    kind,
                    agency,
                    new HistoricalRequest(
                            id,
                            kind,
                            limit(kind, 200),
                            agency == null ? null : limit(agency, 200),
                            closed,
                            status == null ? null : limit(status, 200),
                            limit(value(record, "description"), MAX_TEXT),
                            null,
                            new Location(
                                    lat,
                                    lon,
                                    limit(value(record, "address"), 300),
                                    null,
                                    limit(value(record, "zipcode"), 20)),
                            null,
                            created,
                            closedAt,
                            null));
        } catch (Refused refused) {
            return new ArchiveRow.Bad(record.line(), id, refused.getMessage());
        }
    }

    private @Nullable String value(CsvRecords.Record record, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.fields().size()) {
            return null;
        }
        String value = record.fields().get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private @Nullable Instant time(String column, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || OFFSET.matcher(text).find()) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused(column + " is not a date and time: '" + limit(text, 40) + "'");
        }
    }

    private @Nullable Double coordinate(CsvRecords.Record record, String column, double bound) {
        String text = value(record, column);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || value < -bound || value > bound) {
                throw new Refused(column + " must be between -" + (int) bound + " and " + (int) bound);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Refused(column + " is not a number: '" + limit(text, 40) + "'");
        }
    }

    static @Nullable String limit(@Nullable String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    @Override
    public double fraction() {
        return size <= 0 ? 0 : Math.min(1, (double) counted.count() / size);
    }

    @Override
    public void close() throws IOException {
        counted.close();
    }

    /** A row that breaks a rule, named for the report. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
