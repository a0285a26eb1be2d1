package org.civic311.open311;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civic311.catalog.AttributeValue;
import org.civic311.catalog.ServiceAttribute;
import org.civic311.catalog.ServiceType;
import org.civic311.requests.Note;
import org.civic311.requests.ServiceRequest;
import org.jspecify.annotations.Nullable;

/** Turns catalogue and request values into the fields of the specification, in its order and with its names. */
final class Representations {

    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Representations() {}

    /**
     * A service of the list.
     *
     * @param extensions whether the client asked for what the specification does not name
     */
    static Map<String, Object> service(ServiceType type, boolean extensions) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service_code", type.code());
        fields.put("service_name", type.name());
        fields.put("description", type.description());
        fields.put("metadata", type.hasQuestions());
        fields.put("type", type.delivery().name().toLowerCase(Locale.ROOT));
        fields.put("keywords", String.join(", ", type.keywords()));
        fields.put("group", type.group());
        if (extensions) {
            // For an app to know before the resident fills the form: whether the type refuses a report without an
            // email or a phone, and whether its places are published as their area alone.
            Map<String, Object> extended = new LinkedHashMap<>();
            extended.put("contact_required", !type.anonymousAllowed());
            extended.put("location_private", type.privateLocation());
            fields.put("extended_attributes", extended);
        }
        return fields;
    }

    static Map<String, Object> serviceDefinition(ServiceType type) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service_code", type.code());
        fields.put(
                "attributes",
                type.questions().stream().map(Representations::attribute).toList());
        return fields;
    }

    private static Map<String, Object> attribute(ServiceAttribute attribute) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("variable", attribute.variable());
        fields.put("code", attribute.code());
        fields.put("datatype", attribute.datatype().name().toLowerCase(Locale.ROOT));
        fields.put("required", attribute.required());
        fields.put("datatype_description", attribute.datatypeDescription());
        fields.put("order", attribute.order());
        fields.put("description", attribute.description());
        if (attribute.datatype().isList()) {
            fields.put(
                    "values",
                    attribute.values().stream().map(Representations::value).toList());
        }
        return fields;
    }

    private static Map<String, Object> value(AttributeValue value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", value.key());
        fields.put("name", value.name());
        return fields;
    }

    /**
     * A request as the public sees it.
     *
     * @param baseUrl prefixed to media paths of Civic311's own store
     * @param extensions the public history and extended attributes, or null when the client did not ask for them
     */
    static Map<String, Object> request(
            ServiceRequest request, ZoneId zone, String baseUrl, @Nullable Extensions extensions) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service_request_id", request.publicId());
        fields.put("status", request.closed() ? "closed" : "open");
        fields.put("status_notes", request.statusNotes());
        fields.put("service_name", request.serviceName());
        fields.put("service_code", request.serviceCode());
        fields.put("description", request.description());
        fields.put("agency_responsible", request.agency());
        fields.put("service_notice", request.serviceNotice());
        fields.put("requested_datetime", w3c(request.requestedAt(), zone));
        // "For requests with status=closed, this will be the date the request was closed": a photo or a correction
        // after it does not move it (clients reckon how long requests take to close from it).
        fields.put(
                "updated_datetime",
                w3c(request.closed() && request.closedAt() != null ? request.closedAt() : request.updatedAt(), zone));
        fields.put("expected_datetime", w3c(request.expectedAt(), zone));
        fields.put("address", request.location().address());
        fields.put("address_id", request.location().addressId());
        fields.put("zipcode", request.location().zipcode());
        fields.put("lat", request.location().latitude());
        fields.put("long", request.location().longitude());
        List<String> media =
                request.mediaUrls().stream().map(url -> absolute(url, baseUrl)).toList();
        fields.put("media_url", media.isEmpty() ? null : media.getFirst());
        if (extensions != null) {
            Map<String, Object> extended = new LinkedHashMap<>();
            extended.put("channel", request.channel().name().toLowerCase(Locale.ROOT));
            extended.put("status_code", request.statusCode());
            // What updated_after and updated_before select by: any change, where a closed request's updated_datetime
            // stays its closing.
            extended.put("last_changed", w3c(request.updatedAt(), zone));
            // How a closed request ended: "closed" alone reads as fixed to clients that relay it (FixMyStreet).
            extended.put(
                    "resolution",
                    request.resolution() == null
                            ? null
                            : request.resolution().name().toLowerCase(Locale.ROOT));
            extended.put("ward", request.wardCode());
            extended.put(
                    "ward_name",
                    request.wardCode() == null ? null : extensions.wardNames().get(request.wardCode()));
            extended.put("duplicate", request.duplicateOf() != null);
            extended.put("parent_service_request_id", request.duplicateOf());
            extended.put("repeat_count", request.repeatCount());
            extended.put("media_urls", media);
            // A home is published as its area (the middle of a cell of the map): a client should draw an area.
            extended.put("location_approximate", request.locationPrivate());
            fields.put("extended_attributes", extended);
            fields.put(
                    "notes",
                    extensions.notes().getOrDefault(request.id(), List.of()).stream()
                            .map(note -> note(note, zone))
                            .toList());
        }
        return fields;
    }

    /** What the extensions add: ward names and each request's public notes. */
    record Extensions(Map<String, String> wardNames, Map<Long, List<Note>> notes) {}

    private static Map<String, Object> note(Note note, ZoneId zone) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("datetime", w3c(note.at(), zone));
        fields.put("summary", summary(note.kind()));
        fields.put("description", note.text());
        fields.put("type", note.kind());
        return fields;
    }

    private static String summary(String kind) {
        return switch (kind) {
            case "submitted" -> "Request submitted";
            case "status" -> "Status changed";
            case "closed" -> "Request closed";
            case "duplicate" -> "Closed as a duplicate";
            default -> "Update";
        };
    }

    /**
     * The W3C date-time of an instant in the jurisdiction's zone, as {@code yyyy-MM-dd'T'HH:mm:ssXXX} writes it. Written
     * by hand: a page of 100 requests has 300 of them, and the general formatter was a twentieth of a search.
     */
    static @Nullable String w3c(@Nullable Instant instant, ZoneId zone) {
        if (instant == null) {
            return null;
        }
        ZonedDateTime at = instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        if (at.getYear() < 1000 || at.getYear() > 9999) {
            return W3C.format(at);
        }
        StringBuilder text = new StringBuilder(25);
        text.append(at.getYear()).append('-');
        two(text, at.getMonthValue()).append('-');
        two(text, at.getDayOfMonth()).append('T');
        two(text, at.getHour()).append(':');
        two(text, at.getMinute()).append(':');
        two(text, at.getSecond());
        int offset = at.getOffset().getTotalSeconds();
        if (offset == 0) {
            return text.append('Z').toString();
        }
        text.append(offset < 0 ? '-' : '+');
        int minutes = Math.abs(offset) / 60;
        two(text, minutes / 60).append(':');
        return two(text, minutes % 60).toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String absolute(String url, String baseUrl) {
        return url.startsWith("/") ? baseUrl + url : url;
    }
}
