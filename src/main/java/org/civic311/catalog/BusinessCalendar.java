package org.civic311.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * When a jurisdiction works: opening hours per day of the week and public holidays. Service level targets in
 * business days are counted on it.
 *
 * @param holidays the public holidays, by day, with their names
 */
public record BusinessCalendar(Map<DayOfWeek, WorkingHours> week, Map<LocalDate, String> holidays) {

    /** The hours of one working day. */
    public record WorkingHours(LocalTime opens, LocalTime closes) {
        public WorkingHours {
            if (!closes.isAfter(opens)) {
                throw new IllegalArgumentException("a working day must close after it opens: " + opens + "–" + closes);
            }
        }
    }

    public BusinessCalendar {
        week = Map.copyOf(week);
        holidays = Map.copyOf(holidays);
        if (week.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
    }

    /** Monday to Friday, 8:30 to 16:30, no holidays. */
    public static BusinessCalendar weekdays() {
        Map<DayOfWeek, WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, new WorkingHours(LocalTime.of(8, 30), LocalTime.of(16, 30)));
            }
        }
        return new BusinessCalendar(week, Map.of());
    }

    /** How far ahead the holidays must be listed before the list is said to run out: next year's, by November. */
    static final int HOLIDAYS_AHEAD_DAYS = 60;

    /**
     * The last holiday listed, when the list runs out within {@value #HOLIDAYS_AHEAD_DAYS} days of {@code today} (or
     * the day itself when none is listed after it): holidays are listed a day at a time, and once the list is used up
     * next year's count as working days, due days falling on them and breaches escalated there, with nothing said.
     */
    public java.util.Optional<LocalDate> holidaysRunOut(LocalDate today) {
        LocalDate last = holidays.keySet().stream()
                .max(java.util.Comparator.naturalOrder())
                .filter(day -> !day.isBefore(today))
                .orElse(today);
        return last.isBefore(today.plusDays(HOLIDAYS_AHEAD_DAYS))
                ? java.util.Optional.of(last)
                : java.util.Optional.empty();
    }

    /** When a working day's hours end: the moment a request due that day is due. */
    public Instant closeOf(LocalDate day, ZoneId zone) {
        WorkingHours hours = week.get(day.getDayOfWeek());
        if (hours == null) {
            throw new IllegalArgumentException(day + " is not a working day");
        }
        return day.atTime(hours.closes()).atZone(zone).toInstant();
    }

    /** Whether the moment is within a working day's hours, when staff are at work to do what was promised. */
    public boolean isWorkingTime(Instant moment, ZoneId zone) {
        ZonedDateTime at = moment.atZone(zone);
        if (!isBusinessDay(at.toLocalDate())) {
            return false;
        }
        WorkingHours hours = hours(at.toLocalDate());
        LocalTime time = at.toLocalTime();
        return !time.isBefore(hours.opens()) && !time.isAfter(hours.closes());
    }

    public boolean isBusinessDay(LocalDate day) {
        return week.containsKey(day.getDayOfWeek()) && !holidays.containsKey(day);
    }

    /**
     * The moment a number of working days after {@code start}. Working time only counts: a request made in the
     * evening, at the weekend or on a holiday starts counting at the next opening, and one day from an opening is
     * the close of that same day.
     */
    public Instant addBusinessDays(Instant start, int days, ZoneId zone) {
        ZonedDateTime at = start.atZone(zone);
        LocalDate day = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        if (!isBusinessDay(day) || !time.isBefore(hours(day).closes())) {
            day = nextBusinessDay(day);
            time = hours(day).opens();
        } else if (time.isBefore(hours(day).opens())) {
            time = hours(day).opens();
        }
        boolean fromOpening = time.equals(hours(day).opens());
        for (int counted = 0; counted < days; counted++) {
            day = nextBusinessDay(day);
        }
        if (fromOpening) {
            LocalDate previous = previousBusinessDay(day);
            return ZonedDateTime.of(previous, hours(previous).closes(), zone).toInstant();
        }
        LocalTime closes = hours(day).closes();
        return ZonedDateTime.of(day, time.isAfter(closes) ? closes : time, zone).toInstant();
    }

    /**
     * The moment a span of working time after {@code start}: only the open hours of business days count, so four
     * hours from 15:00 on a Friday that closes at 16:30 end at 11:00 on the Monday. What a person promises to do by
     * phone (a callback) is counted this way.
     */
    public Instant addBusinessTime(Instant start, java.time.Duration span, ZoneId zone) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("a span of working time cannot be negative: " + span);
        }
        ZonedDateTime at = start.atZone(zone);
        LocalDate day = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        java.time.Duration left = span;
        while (true) {
            if (!isBusinessDay(day) || !time.isBefore(hours(day).closes())) {
                day = nextBusinessDay(day);
                time = hours(day).opens();
                continue;
            }
            if (time.isBefore(hours(day).opens())) {
                time = hours(day).opens();
            }
            java.time.Duration open =
                    java.time.Duration.between(time, hours(day).closes());
            if (left.compareTo(open) <= 0) {
                // Open hours are counted on the wall clock, so the rest is added there too: on the day clocks change,
                // elapsed time would run past the close.
                return ZonedDateTime.of(day, time.plus(left), zone).toInstant();
            }
            left = left.minus(open);
            time = hours(day).closes();
        }
    }

    private WorkingHours hours(LocalDate day) {
        return week.get(day.getDayOfWeek());
    }

    private LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private LocalDate previousBusinessDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!isBusinessDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }
}
