package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.jspecify.annotations.Nullable;

/**
 * The public view of a service request: everything anyone may see. The reporter is deliberately not part of it.
 *
 * @param publicId the tracking number residents quote
 * @param statusCode the jurisdiction's own status; {@code closed} tells whether it is typed closed
 * @param mediaUrls photos: store paths ({@code /media/…}) or absolute URLs given by a client or an archive
 * @param duplicateOf the tracking number of the request this one duplicates, if any
 * @param departmentCode the department whose queue holds it; null once returned to 311 for re-routing
 * @param assignee the person or crew working on it
 * @param repeatCount how many reports of this problem at this place the window holds, when it is a repeat problem
 * @param locationPrivate whether its place is someone's home, whose exact address and point are never public
 * @param hiddenMediaUrls the photos among {@code mediaUrls} that staff took out of public view (a face, a licence
 *     plate): staff still see them, the public never
 */
public record ServiceRequest(
        long id,
        String jurisdictionId,
        String publicId,
        String token,
        String serviceCode,
        String serviceName,
        @Nullable String agency,
        String statusCode,
        boolean closed,
        @Nullable String statusNotes,
        @Nullable String description,
        @Nullable String serviceNotice,
        Location location,
        @Nullable String wardCode,
        Channel channel,
        Map<String, List<String>> answers,
        List<String> mediaUrls,
        Instant requestedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant expectedAt,
        @Nullable Instant closedAt,
        @Nullable String duplicateOf,
        @Nullable String departmentCode,
        @Nullable String assignee,
        @Nullable Resolution resolution,
        SlaState slaState,
        int repeatCount,
        boolean locationPrivate,
        List<String> hiddenMediaUrls) {

    /**
     * Whether its close may still be undone, as a mistake: closed, not as a duplicate, within
     * {@link RequestWork#UNDO_CLOSE_WITHIN}.
     */
    public boolean closeUndoableAt(Instant now) {
        return closed
                && duplicateOf == null
                && closedAt != null
                && closedAt.isAfter(now.minus(RequestWork.UNDO_CLOSE_WITHIN));
    }

    /** How far a private request's point is moved at most: to the middle of a cell of about 250 m. */
    static final double PRIVATE_CELL_DEGREES = 0.0025;

    /**
     * What the public may see of it: for a private place, the area instead of the point (the middle of its cell of
     * the map), the street without the number, and none of the answers; staff keep the exact place.
     */
    public ServiceRequest publicView() {
        List<String> shown = hiddenMediaUrls.isEmpty()
                ? mediaUrls
                : mediaUrls.stream()
                        .filter(url -> !hiddenMediaUrls.contains(url))
                        .toList();
        if (!locationPrivate) {
            return hiddenMediaUrls.isEmpty() ? this : copy(description, location, answers, shown, List.of());
        }
        Location exact = location;
        Location area = new Location(
                cell(exact.latitude()),
                cell(exact.longitude()),
                exact.address() == null ? null : street(exact.address()),
                null,
                null);
        // Answers about a home (its unit number) stay with staff too, and so does its door in the description.
        return copy(publicDescription(description, true, exact.address()), area, Map.of(), shown, List.of());
    }

    static @org.jspecify.annotations.Nullable Double cell(@org.jspecify.annotations.Nullable Double degrees) {
        return degrees == null ? null : (Math.floor(degrees / PRIVATE_CELL_DEGREES) + 0.5) * PRIVATE_CELL_DEGREES;
    }

    /** "41 Elm Ave, unit 3" is "Elm Ave": the street, never the door. */
    static @org.jspecify.annotations.Nullable String street(String address) {
        String first = address.split(",")[0].strip();
        String street = first.replaceFirst("^[0-9]+[A-Za-z]?(-[0-9]+)?\\s+", "");
        return street.equals(first) || street.isBlank() || street.matches(".*\\d.*") ? null : street;
    }

    ServiceRequest withMediaUrls(List<String> urls, List<String> hidden) {
        return copy(description, location, answers, List.copyOf(urls), List.copyOf(hidden));
    }

    /** A description as the public reads it: a report about a home never says at which door. */
    static @org.jspecify.annotations.Nullable String publicDescription(
            @org.jspecify.annotations.Nullable String description,
            boolean locationPrivate,
            @org.jspecify.annotations.Nullable String address) {
        return description == null || !locationPrivate
                ? description
                : org.civic311.common.PersonalDetails.withoutHome(description, address);
    }

    /**
     * The request as staff who do not work its queue read it in a list: what people wrote, without the phone numbers
     * and email addresses written into it.
     */
    public ServiceRequest withContactDetailsMasked() {
        return withWordsMasked(org.civic311.common.PersonalDetails::masked);
    }

    private static final java.util.regex.Pattern OPTION_KEY = java.util.regex.Pattern.compile("[A-Z0-9_-]+");

    /**
     * The request with what people wrote in it (description and answers) passed through {@code masking}: for staff of
     * another department, who read what the problem is but not whose.
     */
    ServiceRequest withWordsMasked(java.util.function.UnaryOperator<String> masking) {
        Map<String, List<String>> masked = new java.util.LinkedHashMap<>();
        // A choice is kept as its key ("GREEN_BIN"), which names no one and which the page turns into its label; an
        // answer in words that looks like one ("4165550199") still loses a phone number or email address.
        answers.forEach((question, values) -> masked.put(
                question,
                values.stream()
                        .map(value -> OPTION_KEY.matcher(value).matches()
                                ? org.civic311.common.PersonalDetails.masked(value)
                                : masking.apply(value))
                        .toList()));
        return copy(
                description == null ? null : masking.apply(description), location, masked, mediaUrls, hiddenMediaUrls);
    }

    private ServiceRequest copy(
            @org.jspecify.annotations.Nullable String description,
            Location location,
            Map<String, List<String>> answers,
            List<String> mediaUrls,
            List<String> hidden) {
        return new ServiceRequest(
                id,
                jurisdictionId,
                publicId,
                token,
                serviceCode,
                serviceName,
                agency,
                statusCode,
                closed,
                statusNotes,
                description,
                serviceNotice,
                location,
                wardCode,
                channel,
                answers,
                mediaUrls,
                requestedAt,
                updatedAt,
                expectedAt,
                closedAt,
                duplicateOf,
                departmentCode,
                assignee,
                resolution,
                slaState,
                repeatCount,
                locationPrivate,
                hidden);
    }

    public boolean isRepeatProblem() {
        return repeatCount > 0;
    }
}
