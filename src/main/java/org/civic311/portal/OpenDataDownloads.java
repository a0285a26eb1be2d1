package org.civic311.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.OpenData;
import org.civic311.requests.OpenDataQuery;
import org.civic311.requests.PublicRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open data downloads of requests' public fields, as CSV and GeoJSON, filtered by date, type, status and ward. Both
 * are written as the rows come from the database, so any period downloads in constant memory. The fields are those
 * of {@code docs/OPEN-DATA.md}.
 */
@RestController
class OpenDataDownloads {

    static final int MAX_DAYS = 3700;
    static final List<String> COLUMNS = List.of(
            "service_request_id",
            "service_code",
            "service_name",
            "agency_responsible",
            "status",
            "status_code",
            "status_notes",
            "description",
            "address",
            "lat",
            "long",
            "location_approximate",
            "ward",
            "channel",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "closed_datetime",
            "resolution",
            "media_urls");

    private final OpenData openData;
    private final Catalog catalog;
    private final JsonMapper json;
    private final java.time.Clock clock;

    private final PortalLimits limits;

    OpenDataDownloads(OpenData openData, Catalog catalog, JsonMapper json, java.time.Clock clock, PortalLimits limits) {
        this.limits = limits;
        this.openData = openData;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    /** The city, named as the Open311 API names it, for an installation serving several on one host name. */
    private Jurisdiction jurisdiction(@Nullable String jurisdictionId) {
        try {
            return catalog.resolveJurisdiction(
                    jurisdictionId == null || jurisdictionId.isBlank() ? null : jurisdictionId);
        } catch (org.civic311.common.InvalidInputException unnamed) {
            throw new org.civic311.common.InvalidInputException("jurisdiction_id", unnamed.problem());
        }
    }

    /**
     * The wards, with their codes (what the requests' {@code ward} filter and column take), names and outlines: a
     * dashboard draws and labels its counts by ward without reading the map's page.
     */
    @GetMapping("/open-data/wards.geojson")
    ResponseEntity<byte[]> wards(
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdictionId) {
        Jurisdiction jurisdiction = jurisdiction(jurisdictionId);
        var map = catalog.wardMap(jurisdiction.id());
        List<Map<String, Object>> features = catalog.wards(jurisdiction.id()).stream()
                .map(ward -> {
                    Map<String, Object> feature = new LinkedHashMap<>();
                    feature.put("type", "Feature");
                    feature.put("properties", Map.of("code", ward.code(), "name", ward.name()));
                    var polygons = map.polygons(ward.code());
                    feature.put(
                            "geometry",
                            polygons.isEmpty() ? null : Map.of("type", "MultiPolygon", "coordinates", polygons));
                    return feature;
                })
                .toList();
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"wards.geojson\"")
                // Wards change with an election's boundaries, not by the minute.
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .body(json.writeValueAsBytes(collection));
    }

    @GetMapping("/open-data/requests.csv")
    ResponseEntity<StreamingResponseBody> csv(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String ward,
            @RequestParam(name = "changed_since", required = false) @Nullable String changedSince,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdictionId,
            HttpServletRequest http) {
        Jurisdiction jurisdiction = jurisdiction(jurisdictionId);
        OpenDataQuery query = query(jurisdiction, from, to, service, status, ward, changedSince);
        DateTimeFormatter times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(jurisdiction.timeZone());
        String base = baseUrl();
        Runnable done = limits.download(http);
        StreamingResponseBody body = streamed(done, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            writer.write(String.join(",", COLUMNS) + "\r\n");
            openData.export(query, record -> {
                try {
                    writer.write(row(record, times, base));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        });
        return download(body, "text/csv;charset=UTF-8", "requests.csv");
    }

    @GetMapping("/open-data/requests.geojson")
    ResponseEntity<StreamingResponseBody> geojson(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String ward,
            @RequestParam(name = "changed_since", required = false) @Nullable String changedSince,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdictionId,
            HttpServletRequest http) {
        Jurisdiction jurisdiction = jurisdiction(jurisdictionId);
        OpenDataQuery query = query(jurisdiction, from, to, service, status, ward, changedSince);
        DateTimeFormatter times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(jurisdiction.timeZone());
        String base = baseUrl();
        Runnable done = limits.download(http);
        StreamingResponseBody body = streamed(done, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            writer.write("{\"type\":\"FeatureCollection\",\"features\":[");
            boolean[] first = {true};
            openData.export(query, record -> {
                try {
                    writer.write(first[0] ? "\n" : ",\n");
                    first[0] = false;
                    writer.write(json.writeValueAsString(feature(record, times, base)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.write("\n]}\n");
            writer.flush();
        });
        return download(body, "application/geo+json", "requests.geojson");
    }

    /** The download, giving its place back when it ends, finished or cut off. */
    private static StreamingResponseBody streamed(Runnable done, StreamingResponseBody body) {
        return out -> {
            try {
                body.writeTo(out);
            } finally {
                done.run();
            }
        };
    }

    @ExceptionHandler(PortalLimits.TooManyRequests.class)
    ResponseEntity<Map<String, Object>> tooMany(PortalLimits.TooManyRequests e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(e.waitFor().toSeconds()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 429, "error", e.getMessage()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", 400, "field", e.field(), "error", e.getMessage()));
    }

    private OpenDataQuery query(
            Jurisdiction jurisdiction,
            @Nullable String from,
            @Nullable String to,
            @Nullable String service,
            @Nullable String status,
            @Nullable String ward,
            @Nullable String changedSince) {
        ZoneId zone = jurisdiction.timeZone();
        Instant changed = null;
        if (blank(changedSince) != null) {
            // A mirror kept up to date asks for what changed, whenever it was made: the period is not asked too.
            if (blank(from) != null || blank(to) != null) {
                throw new InvalidInputException(
                        "changed_since", "is asked alone, without from and to: it takes requests made on any day");
            }
            LocalDate day = date("changed_since", changedSince, LocalDate.ofInstant(clock.instant(), zone));
            if (day.isBefore(LocalDate.ofInstant(clock.instant(), zone).minusDays(MAX_DAYS))) {
                throw new InvalidInputException("changed_since", "must be within ten years");
            }
            changed = day.atStartOfDay(zone).toInstant();
        }
        LocalDate last = date("to", to, LocalDate.ofInstant(clock.instant(), zone));
        LocalDate first = date("from", from, last.minusDays(29));
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new InvalidInputException("from", "must be within ten years of to");
        }
        String code = blank(service);
        if (code != null && catalog.serviceType(jurisdiction.id(), code).isEmpty()) {
            throw new InvalidInputException("service", "'" + code + "' is not a service type");
        }
        String wardCode = blank(ward);
        if (wardCode != null
                && catalog.wards(jurisdiction.id()).stream()
                        .noneMatch(w -> w.code().equals(wardCode))) {
            throw new InvalidInputException("ward", "'" + wardCode + "' is not a ward");
        }
        Boolean closed = null;
        String statusCode = null;
        String wanted = blank(status);
        if (wanted != null) {
            switch (wanted.toLowerCase(Locale.ROOT)) {
                case "open" -> closed = false;
                case "closed" -> closed = true;
                default -> {
                    if (jurisdiction.status(wanted).isEmpty()) {
                        throw new InvalidInputException("status", "must be open, closed or one of the city's statuses");
                    }
                    statusCode = wanted;
                }
            }
        }
        return new OpenDataQuery(
                jurisdiction.id(),
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(),
                code,
                closed,
                statusCode,
                wardCode,
                changed);
    }

    /** Where Civic311 is reached, for the photos' addresses; read before the download streams, off the request. */
    private static String baseUrl() {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .build()
                .toUriString();
    }

    /** The photos' addresses, whole: a download is read far from the site. */
    private static List<String> media(PublicRecord r, String base) {
        return r.mediaUrls().stream()
                .map(url -> url.startsWith("/") ? base + url : url)
                .toList();
    }

    static String row(PublicRecord r, DateTimeFormatter times, String base) {
        List<String> cells = List.of(
                cell(r.publicId()),
                cell(r.serviceCode()),
                cell(r.serviceName()),
                cell(r.agency()),
                r.closed() ? "closed" : "open",
                cell(r.statusCode()),
                cell(r.statusNotes()),
                cell(r.description()),
                cell(r.address()),
                r.latitude() == null ? "" : r.latitude().toString(),
                r.longitude() == null ? "" : r.longitude().toString(),
                r.locationApproximate() ? "true" : "false",
                cell(r.wardCode()),
                r.channel().name().toLowerCase(Locale.ROOT),
                time(times, r.requestedAt()),
                time(times, r.updatedAt()),
                time(times, r.expectedAt()),
                time(times, r.closedAt()),
                cell(r.resolution()),
                // Addresses hold no spaces: several photos are separated by one.
                cell(String.join(" ", media(r, base))));
        return String.join(",", cells) + "\r\n";
    }

    private static String cell(@Nullable String value) {
        return org.civic311.common.CsvCell.of(value);
    }

    private static Map<String, Object> feature(PublicRecord r, DateTimeFormatter times, String base) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("service_request_id", r.publicId());
        properties.put("service_code", r.serviceCode());
        properties.put("service_name", r.serviceName());
        properties.put("agency_responsible", r.agency());
        properties.put("status", r.closed() ? "closed" : "open");
        properties.put("status_code", r.statusCode());
        properties.put("status_notes", r.statusNotes());
        properties.put("description", r.description());
        properties.put("address", r.address());
        properties.put("location_approximate", r.locationApproximate());
        properties.put("ward", r.wardCode());
        properties.put("channel", r.channel().name().toLowerCase(Locale.ROOT));
        properties.put("requested_datetime", time(times, r.requestedAt()));
        properties.put("updated_datetime", nullable(times, r.updatedAt()));
        properties.put("expected_datetime", nullable(times, r.expectedAt()));
        properties.put("closed_datetime", nullable(times, r.closedAt()));
        properties.put("resolution", r.resolution());
        properties.put("media_urls", media(r, base));
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("id", r.publicId());
        // GeoJSON orders a position longitude first; a request without a point has no geometry.
        feature.put(
                "geometry",
                r.latitude() == null || r.longitude() == null
                        ? null
                        : Map.of("type", "Point", "coordinates", List.of(r.longitude(), r.latitude())));
        feature.put("properties", properties);
        return feature;
    }

    private static ResponseEntity<StreamingResponseBody> download(
            StreamingResponseBody body, String type, String name) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(body);
    }

    private static String time(DateTimeFormatter times, @Nullable Instant instant) {
        return instant == null ? "" : times.format(instant);
    }

    private static @Nullable String nullable(DateTimeFormatter times, @Nullable Instant instant) {
        return instant == null ? null : times.format(instant);
    }

    private static LocalDate date(String field, @Nullable String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                throw new InvalidInputException(field, "must be between the years 1900 and 9999");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date like 2026-11-22");
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
