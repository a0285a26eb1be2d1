package org.civic311.open311;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.civic311.catalog.Jurisdiction;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.RequestSearch;
import org.jspecify.annotations.Nullable;

/**
 * Reads the filters of GET requests by the specification's rules and its common extensions: identifiers override
 * everything; the requested-date window defaults to the last 90 days and may not be wider; at most 1000 requests a
 * page; {@code page}/{@code page_size}, {@code updated_after}/{@code updated_before}, {@code bbox},
 * {@code lat}/{@code long}/{@code radius} and {@code ward} narrow further.
 */
final class SearchParameters {

    static final Duration WINDOW = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1000;
    static final double MAX_RADIUS_METRES = 50_000;

    private SearchParameters() {}

    /** A span of time asked about, from (inclusive) to (exclusive). */
    record Span(Instant from, Instant to) {}

    /** The span of the feed of updates: as asked, the last day without dates, at most {@link #WINDOW}. */
    static Span updates(Parameters params, java.time.ZoneId zone, Instant now) {
        Instant start = params.dateTime("start_date", zone);
        Instant end = params.endOfSpan("end_date", zone);
        if (end == null) {
            end = start == null ? now : start.plus(Duration.ofDays(1));
        }
        if (start == null) {
            start = end.minus(Duration.ofDays(1));
        }
        if (end.isBefore(start)) {
            throw new InvalidInputException("end_date", "is before start_date");
        }
        refuseLongerThanWindow(start, end);
        return new Span(start, end);
    }

    // Ninety days of the city's calendar: one of them may have an hour more, when the clocks go back.
    private static void refuseLongerThanWindow(Instant start, Instant end) {
        if (Duration.between(start, end).compareTo(WINDOW.plusHours(1)) > 0) {
            throw new InvalidInputException(
                    "end_date", "may not be more than 90 days after start_date; page through shorter spans");
        }
    }

    static RequestSearch read(Parameters params, Jurisdiction jurisdiction, Instant now) {
        // A client checking on every report it sent (FixMyStreet asks for all of its open ones at once) gets the first
        // thousand, as the specification caps an answer, and asks for the rest next.
        List<String> ids = params.list("service_request_id").stream()
                .distinct()
                .limit(MAX_REQUESTS)
                .toList();
        if (!ids.isEmpty()) {
            return new RequestSearch(
                    jurisdiction.id(), ids, List.of(), null, null, null, null, null, null, null, 0, MAX_REQUESTS);
        }
        var zone = jurisdiction.timeZone();
        Instant start = params.dateTime("start_date", zone);
        // A bare end date is that whole day; "updated before" a day is before it begins.
        Instant endGiven = params.dateTime("end_date", zone);
        Instant end = params.endOfSpan("end_date", zone);
        Instant updatedAfter = params.dateTime("updated_after", zone);
        Instant updatedBefore = params.dateTime("updated_before", zone);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInputException("end_date", "is before start_date");
        }
        if (updatedAfter != null && updatedBefore != null && updatedBefore.isBefore(updatedAfter)) {
            throw new InvalidInputException("updated_before", "is before updated_after");
        }
        if (start != null && endGiven != null) {
            refuseLongerThanWindow(start, endGiven);
        }
        boolean byUpdate = updatedAfter != null || updatedBefore != null;
        if (start == null && end == null && !byUpdate) {
            end = now;
            start = now.minus(WINDOW);
        } else if (start != null && end == null) {
            end = start.plus(WINDOW);
        } else if (start == null && end != null) {
            start = end.minus(WINDOW);
        }
        int pageSize = params.integer("page_size", MAX_REQUESTS, 1, MAX_REQUESTS);
        int page = params.integer("page", 1, 1, 1_000_000);
        return new RequestSearch(
                jurisdiction.id(),
                List.of(),
                params.list("service_code"),
                closed(params.list("status")),
                start,
                end,
                updatedAfter,
                updatedBefore,
                area(params),
                ward(params),
                (page - 1) * pageSize,
                pageSize);
    }

    /** The ward a request lies in, by its code: the public map filters by it. */
    private static @Nullable String ward(Parameters params) {
        String ward = params.text("ward");
        if (ward == null || ward.isBlank()) {
            return null;
        }
        if (ward.length() > 64 || ward.contains("\n")) {
            throw new InvalidInputException("ward", "must be a ward's code, got '" + Parameters.shorten(ward) + "'");
        }
        return ward.strip();
    }

    private static @Nullable Boolean closed(List<String> given) {
        List<String> statuses = given.stream()
                .map(status -> status.toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .toList();
        for (String status : statuses) {
            if (!status.equals("open") && !status.equals("closed")) {
                throw new InvalidInputException(
                        "status", "must be open, closed or both, got '" + Parameters.shorten(status) + "'");
            }
        }
        if (statuses.size() == 1) {
            return statuses.getFirst().equals("closed");
        }
        return null;
    }

    private static RequestSearch.@Nullable Area area(Parameters params) {
        List<String> bbox = params.list("bbox");
        Double lat = params.decimal("lat");
        Double lon = params.decimal("long");
        Double radius = params.decimal("radius");
        // The circle is this API's extension, asked for by its radius: an app that sends its position with every
        // call, as a POST takes it, is listing requests, not asking for a circle (the specification's GET has no lat).
        boolean circle = radius != null;
        if (!bbox.isEmpty() && circle) {
            throw new InvalidInputException("bbox", "cannot be combined with lat, long and radius");
        }
        if (!bbox.isEmpty()) {
            if (bbox.size() != 4) {
                throw new InvalidInputException("bbox", "must be min_long,min_lat,max_long,max_lat");
            }
            double[] c = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    c[i] = Double.parseDouble(bbox.get(i));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("bbox", "must be four decimal numbers");
                }
            }
            if (!(c[0] <= c[2] && c[1] <= c[3])
                    || !longitude(c[0])
                    || !longitude(c[2])
                    || !latitude(c[1])
                    || !latitude(c[3])) {
                throw new InvalidInputException(
                        "bbox", "must be min_long,min_lat,max_long,max_lat with the minimum first");
            }
            return new RequestSearch.Box(c[0], c[1], c[2], c[3]);
        }
        if (!circle) {
            return null;
        }
        if (lat == null || lon == null || radius == null) {
            throw new InvalidInputException(
                    "radius", "comes with lat and long: a circle of that many metres around the point");
        }
        if (!latitude(lat) || !longitude(lon)) {
            throw new InvalidInputException("lat", "and long must be a latitude and a longitude");
        }
        if (radius <= 0 || radius > MAX_RADIUS_METRES) {
            throw new InvalidInputException("radius", "must be more than 0 and at most 50000 metres");
        }
        return new RequestSearch.Circle(lat, lon, radius);
    }

    private static boolean latitude(double value) {
        return value >= -90 && value <= 90;
    }

    private static boolean longitude(double value) {
        return value >= -180 && value <= 180;
    }
}
