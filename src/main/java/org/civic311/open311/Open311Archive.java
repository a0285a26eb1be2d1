package org.civic311.open311;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.HistoricalRequest;
import org.civic311.requests.ImportReport;
import org.civic311.requests.Location;
import org.civic311.requests.ServiceRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the output of another city's Open311 GET requests (a bare array, or wrapped in {@code service_requests} as
 * some servers do) as historical requests. Identifiers and codes that arrive as JSON numbers are kept as strings.
 */
@Service
public class Open311Archive {

    private final ServiceRequests requests;
    private final JsonMapper json;

    Open311Archive(ServiceRequests requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    public ImportReport load(String jurisdictionId, InputStream archive) {
        JsonNode root;
        try {
            root = json.readTree(archive);
        } catch (JacksonException e) {
            throw new InvalidInputException("archive", "is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode items = root.isArray() ? root : root.path("service_requests");
        if (!items.isArray()) {
            throw new InvalidInputException("archive", "holds no list of service requests");
        }
        List<HistoricalRequest> historical = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        int row = 0;
        for (JsonNode item : items) {
            row++;
            String id = text(item, "service_request_id");
            try {
                historical.add(read(item));
                rows.add(row);
            } catch (InvalidInputException e) {
                rejected.add(new ImportReport.Rejection(row, id == null ? "" : id, e.getMessage()));
            }
        }
        ImportReport report = requests.importHistorical(jurisdictionId, historical);
        // The requests module counts only the rows it was given; report the archive's own row numbers.
        for (ImportReport.Rejection refused : report.rejected()) {
            rejected.add(new ImportReport.Rejection(rows.get(refused.row() - 1), refused.publicId(), refused.reason()));
        }
        rejected.sort(java.util.Comparator.comparingInt(ImportReport.Rejection::row));
        return new ImportReport(report.imported(), report.alreadyPresent(), rejected);
    }

    private static HistoricalRequest read(JsonNode item) {
        String id = required(item, "service_request_id");
        String status = required(item, "status");
        if (!status.equals("open") && !status.equals("closed")) {
            throw new InvalidInputException("status", "must be open or closed, got '" + status + "'");
        }
        return new HistoricalRequest(
                id,
                required(item, "service_code"),
                text(item, "service_name"),
                text(item, "agency_responsible"),
                status.equals("closed"),
                text(item, "status_notes"),
                text(item, "description"),
                text(item, "service_notice"),
                new Location(
                        number(item, "lat"),
                        number(item, "long"),
                        text(item, "address"),
                        text(item, "address_id"),
                        text(item, "zipcode")),
                text(item, "media_url"),
                instant(item, "requested_datetime", true),
                instant(item, "updated_datetime", false),
                instant(item, "expected_datetime", false));
    }

    private static String required(JsonNode item, String field) {
        String value = text(item, field);
        if (value == null) {
            throw new InvalidInputException(field, "is missing");
        }
        return value;
    }

    private static @Nullable String text(JsonNode item, String field) {
        JsonNode node = item.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.isValueNode() ? node.asString() : node.toString();
        return value.isBlank() ? null : value;
    }

    private static @Nullable Double number(JsonNode item, String field) {
        JsonNode node = item.path(field);
        if (node.isNumber()) {
            return node.asDouble();
        }
        String text = text(item, field);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a number");
        }
    }

    private static @Nullable Instant instant(JsonNode item, String field, boolean required) {
        String text = required ? required(item, field) : text(item, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "is not a W3C date-time: '" + text + "'");
        }
    }
}
