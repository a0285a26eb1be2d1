package org.civic311.catalog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.civic311.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The business calendar as an administrator types it into the console: each day's opening and closing time (both
 * blank for a day the city is closed), and a holiday's day and name. Service level targets in business days count
 * only these hours.
 */
public final class CalendarForm {

    private CalendarForm() {}

    /** The field names of a day's hours: {@code opens.MONDAY}, {@code closes.MONDAY}. */
    public static String opens(DayOfWeek day) {
        return "opens." + day.name();
    }

    public static String closes(DayOfWeek day) {
        return "closes." + day.name();
    }

    /**
     * The working week a form describes.
     *
     * @throws InvalidInputException naming the day whose hours break a rule
     */
    public static Map<DayOfWeek, BusinessCalendar.WorkingHours> week(Function<String, @Nullable String> field) {
        Function<String, String> text = FormFields.texts(field);
        Map<DayOfWeek, BusinessCalendar.WorkingHours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String opens = text.apply(opens(day)).strip();
            String closes = text.apply(closes(day)).strip();
            if (opens.isEmpty() && closes.isEmpty()) {
                continue;
            }
            LocalTime from = time(opens(day), opens);
            LocalTime to = time(closes(day), closes);
            if (!to.isAfter(from)) {
                throw new InvalidInputException(closes(day), "must be after the day opens (" + from + ")");
            }
            week.put(day, new BusinessCalendar.WorkingHours(from, to));
        }
        if (week.isEmpty()) {
            throw new InvalidInputException("week", "needs at least one working day");
        }
        return week;
    }

    /** A holiday's day, as a date picker sends it (2026-12-25). */
    public static LocalDate day(String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("day", "must be a date such as 2026-12-25");
        }
        if (day.getYear() < 2000 || day.getYear() > 2100) {
            throw new InvalidInputException("day", "must be a date between the years 2000 and 2100");
        }
        return day;
    }

    static String holidayName(String value) {
        return FormFields.required("name", value, 100);
    }

    private static LocalTime time(String field, String value) {
        if (value.isEmpty()) {
            throw new InvalidInputException(field, "is needed with the other time of the day, or both left blank");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a time such as 08:30");
        }
    }
}
