package org.civic311.imports;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.civic311.requests.HistoricalRequest;
import org.civic311.requests.Location;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Open311 GeoReport v2 archive: a JSON array of requests as {@code requests.json} returns them, read one request
 * at a time so that a large archive never sits in memory whole.
 */
final class Open311Json implements ArchiveRow.Reader {

    private final JsonMapper json;
    private final JsonParser parser;
    private final CountingStream counted;
    private final long size;
    /** Whether the JSON broke: nothing after the break can be read as requests. */
    private boolean broken;

    /** The zone of times written without an offset, as some systems' archives have them. */
    private final java.time.ZoneId zone;

    Open311Json(JsonMapper json, CountingStream counted, long size, java.time.ZoneId zone) {
        this.zone = zone;
        this.json = json;
        this.counted = counted;
        this.size = size;
        this.parser = json.createParser(counted);
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("an Open311 archive is a JSON array of requests");
        }
    }

    @Override
    public @Nullable ArchiveRow next() {
        if (broken) {
            return null;
        }
        JsonToken token;
        JsonNode item;
        long line = parser.currentLocation().getLineNr();
        try {
            token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                return null;
            }
            line = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new ArchiveRow.Bad(line, null, "is not a request object");
            }
            item = parser.readValueAsTree();
        } catch (tools.jackson.core.JacksonException e) {
            // A file cut short or garbled: said where, and the rows before it kept; nothing after it can be read.
            broken = true;
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            return new ArchiveRow.Bad(
                    at,
                    null,
                    "the archive's JSON breaks here (" + e.getOriginalMessage() + "); nothing after it is read");
        }
        String id = text(item, "service_request_id");
        try {
            if (id == null) {
                throw new NormalizedCsv.Refused("service_request_id is missing");
            }
            if (id.length() > 40) {
                throw new NormalizedCsv.Refused("service_request_id is longer than 40 characters");
            }
            String code = text(item, "service_code");
            String name = text(item, "service_name");
            if (code == null && name == null) {
                throw new NormalizedCsv.Refused("service_code is missing");
            }
            String status = text(item, "status");
            if (status == null || !(status.equals("open") || status.equals("closed"))) {
                throw new NormalizedCsv.Refused("status must be open or closed");
            }
            Instant requested = instant(item, "requested_datetime");
            if (requested == null) {
                throw new NormalizedCsv.Refused("requested_datetime is missing");
            }
            Double lat = number(item, "lat", 90);
            Double lon = number(item, "long", 180);
            if ((lat == null) != (lon == null)) {
                lat = null;
                lon = null;
            }
            String agency = text(item, "agency_responsible");
            // Cut as the CSV's are: one address of kilobytes would fail its whole batch in every run.
            HistoricalRequest request = new HistoricalRequest(
                    id,
                    NormalizedCsv.limit(code == null ? name : code, 200),
                    NormalizedCsv.limit(name, 200),
                    NormalizedCsv.limit(agency, 200),
                    status.equals("closed"),
                    NormalizedCsv.limit(text(item, "status_notes"), NormalizedCsv.MAX_TEXT),
                    NormalizedCsv.limit(text(item, "description"), NormalizedCsv.MAX_TEXT),
                    NormalizedCsv.limit(text(item, "service_notice"), NormalizedCsv.MAX_TEXT),
                    new Location(
                            lat,
                            lon,
                            NormalizedCsv.limit(text(item, "address"), 300),
                            NormalizedCsv.limit(text(item, "address_id"), 100),
                            NormalizedCsv.limit(text(item, "zipcode"), 20)),
                    NormalizedCsv.limit(text(item, "media_url"), 2000),
                    requested,
                    instant(item, "updated_datetime"),
                    instant(item, "expected_datetime"));
            if (!request.mediaUrlIsWebAddress()) {
                throw new NormalizedCsv.Refused("media_url must be an http or https address");
            }
            return new ArchiveRow.Read(line, code == null ? name : code, agency, request);
        } catch (NormalizedCsv.Refused refused) {
            return new ArchiveRow.Bad(line, id, refused.getMessage());
        }
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode node = item.path(field);
        if (node.isMissingNode() || node.isNull() || !node.isValueNode()) {
            return null;
        }
        String value = node.asString().strip();
        return value.isEmpty() ? null : value;
    }

    private static @Nullable Double number(JsonNode item, String field, double bound) {
        String text = text(item, field);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || value < -bound || value > bound) {
                throw new NormalizedCsv.Refused(field + " must be between -" + (int) bound + " and " + (int) bound);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new NormalizedCsv.Refused(field + " is not a number");
        }
    }

    private @Nullable Instant instant(JsonNode item, String field) {
        String text = text(item, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // Without an offset: the city's local time (--zone), as the CSV's times are read.
                return java.time.LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException local) {
                throw new NormalizedCsv.Refused(field + " is not a W3C date-time");
            }
        }
    }

    @Override
    public double fraction() {
        return size <= 0 ? 0 : Math.min(1, (double) counted.count() / size);
    }

    @Override
    public void close() throws IOException {
        parser.close();
        counted.close();
    }
}
