package org.civic311.catalog;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A city (or county, or region) served by this Civic311; one installation may serve several.
 *
 * @param id the Open311 {@code jurisdiction_id}, conventionally the city's domain name
 * @param timeZone the zone in which dates are shown and business days are counted
 * @param contactCentre the department code of the 311 contact centre, whose supervisor is alerted when a callback
 *     promise its agents made is at risk or broken; null when the city has not named one
 * @param calendar its working hours and public holidays
 */
public record Jurisdiction(
        String id,
        String name,
        ZoneId timeZone,
        @Nullable String contact,
        @Nullable String contactCentre,
        List<RequestStatus> statuses,
        BusinessCalendar calendar) {

    public Jurisdiction {
        statuses = List.copyOf(statuses);
        if (statuses.stream().filter(RequestStatus::initial).count() != 1) {
            throw new IllegalArgumentException("jurisdiction " + id + " needs exactly one initial status");
        }
        if (statuses.stream().noneMatch(RequestStatus::closed)) {
            throw new IllegalArgumentException("jurisdiction " + id + " needs at least one closed status");
        }
    }

    /** The city's own day now: a deadline or an absence ends with the city's day, not the server's. */
    public java.time.LocalDate today(java.time.Clock clock) {
        return java.time.LocalDate.now(clock.withZone(timeZone));
    }

    public RequestStatus initialStatus() {
        return statuses.stream().filter(RequestStatus::initial).findFirst().orElseThrow();
    }

    /** A status as people read it ("In progress"); one the catalogue no longer has (imported history) by its code. */
    public String statusName(String code) {
        return status(code).map(RequestStatus::name).orElse(code);
    }

    public Optional<RequestStatus> status(String code) {
        return statuses.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public RequestStatus requireStatus(String code) {
        return status(code)
                .orElseThrow(() -> new InvalidInputException("status", "'" + code + "' is not a status of " + name));
    }

    /** The first status of the given kind, used when all that is known of a request is "open" or "closed". */
    public RequestStatus firstStatus(boolean closed) {
        return statuses.stream().filter(s -> s.closed() == closed).findFirst().orElseThrow();
    }

    /**
     * The status whose name a free-text status note begins with ("Completed - the work is done"), if any; archives
     * from other systems carry the finer status only in that form.
     */
    public Optional<RequestStatus> statusNamedAtStartOf(@Nullable String text, boolean closed) {
        if (text == null) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return statuses.stream()
                .filter(s -> s.closed() == closed)
                .filter(s -> lower.startsWith(s.name().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
