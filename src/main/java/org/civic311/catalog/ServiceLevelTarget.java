package org.civic311.catalog;

import java.time.Instant;
import java.time.ZoneId;

/**
 * How soon a service type's requests should be dealt with: a number of hours around the clock (for crews on call),
 * or of business days on the jurisdiction's calendar.
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

    /** As staff say it: "4 business days", "1 hour". */
    public String describe() {
        return switch (unit) {
            case HOURS -> amount + (amount == 1 ? " hour" : " hours");
            case BUSINESS_DAYS -> amount + (amount == 1 ? " business day" : " business days");
        };
    }

    /** When a request made at {@code start} is due. */
    public Instant dueFrom(Instant start, ZoneId zone, BusinessCalendar calendar) {
        return switch (unit) {
            case HOURS -> start.plusSeconds(amount * 3600L);
            case BUSINESS_DAYS -> calendar.addBusinessDays(start, amount, zone);
        };
    }
}
