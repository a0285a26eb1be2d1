package org.civic311.catalog;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How soon a service type's requests should be dealt with: a number of hours, or of business days.
 *
 * <p>Business days skip Saturdays and Sundays; the jurisdiction's holidays and working hours come with its business
 * calendar.
 */
public record ServiceLevelTarget(int amount, Unit unit) {

    public enum Unit {
        HOURS,
        BUSINESS_DAYS
    }

    public ServiceLevelTarget {
        if (amount <= 0) {
            throw new IllegalArgumentException("a service level target must be positive, got " + amount);
        }
    }

    /** When a request made at {@code start} is due. */
    public Instant dueFrom(Instant start, ZoneId zone) {
        return switch (unit) {
            case HOURS -> start.plusSeconds(amount * 3600L);
            case BUSINESS_DAYS -> {
                ZonedDateTime due = start.atZone(zone);
                for (int added = 0; added < amount; ) {
                    due = due.plusDays(1);
                    if (isBusinessDay(due.getDayOfWeek())) {
                        added++;
                    }
                }
                yield due.toInstant();
            }
        };
    }

    private static boolean isBusinessDay(DayOfWeek day) {
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
