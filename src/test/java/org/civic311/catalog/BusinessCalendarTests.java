package org.civic311.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCalendarTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final BusinessCalendar CALENDAR =
            new BusinessCalendar(BusinessCalendar.weekdays().week(), Map.of(LocalDate.of(2026, 4, 3), "Good Friday"));
    static final ServiceLevelTarget TWO_DAYS = new ServiceLevelTarget(2, ServiceLevelTarget.Unit.BUSINESS_DAYS);
    static final ServiceLevelTarget ONE_DAY = new ServiceLevelTarget(1, ServiceLevelTarget.Unit.BUSINESS_DAYS);

    static Instant toronto(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, TORONTO).toInstant();
    }

    @Test
    void aListOfHolidaysAboutToRunOutIsSaidWhileOneThatGoesOnIntoNextYearIsNot() {
        BusinessCalendar listed = new BusinessCalendar(
                BusinessCalendar.weekdays().week(),
                Map.of(LocalDate.of(2026, 12, 25), "Christmas Day", LocalDate.of(2026, 12, 28), "Boxing Day"));
        assertThat(listed.holidaysRunOut(LocalDate.of(2026, 6, 1))).isEmpty();
        assertThat(listed.holidaysRunOut(LocalDate.of(2026, 11, 24))).hasValue(LocalDate.of(2026, 12, 28));
        assertThat(listed.holidaysRunOut(LocalDate.of(2027, 1, 4)))
                .as("used up: from today on, every day is a working day")
                .hasValue(LocalDate.of(2027, 1, 4));
        assertThat(BusinessCalendar.weekdays().holidaysRunOut(LocalDate.of(2026, 11, 24)))
                .hasValue(LocalDate.of(2026, 11, 24));
    }

    @Test
    void workingTimeIsAWorkingDayBetweenItsOpeningAndItsClose() {
        assertThat(CALENDAR.isWorkingTime(toronto(2026, 11, 20, 15, 0), TORONTO))
                .isTrue();
        assertThat(CALENDAR.isWorkingTime(toronto(2026, 11, 20, 16, 30), TORONTO))
                .as("its close")
                .isTrue();
        assertThat(CALENDAR.isWorkingTime(toronto(2026, 11, 20, 22, 0), TORONTO))
                .isFalse();
        assertThat(CALENDAR.isWorkingTime(toronto(2026, 11, 20, 7, 0), TORONTO)).isFalse();
        assertThat(CALENDAR.isWorkingTime(toronto(2026, 11, 21, 10, 0), TORONTO))
                .as("a Saturday")
                .isFalse();
    }

    @Test
    void workingTimeCountsOnlyOpenHoursSoAFridayAfternoonPromiseEndsOnMonday() {
        // Friday 20 November 2026, 15:00: an hour and a half left that day, two and a half on Monday.
        assertThat(CALENDAR.addBusinessTime(toronto(2026, 11, 20, 15, 0), java.time.Duration.ofHours(4), TORONTO))
                .isEqualTo(toronto(2026, 11, 23, 11, 0));
        // Within one day it is the clock's time; from a night or a holiday it starts at the next opening.
        assertThat(CALENDAR.addBusinessTime(toronto(2026, 11, 18, 9, 0), java.time.Duration.ofHours(4), TORONTO))
                .isEqualTo(toronto(2026, 11, 18, 13, 0));
        assertThat(CALENDAR.addBusinessTime(toronto(2026, 4, 2, 22, 0), java.time.Duration.ofHours(1), TORONTO))
                .as("Thursday night before Good Friday: Monday 9:30")
                .isEqualTo(toronto(2026, 4, 6, 9, 30));
        // Around the clock on the Sunday clocks spring forward: 23 h 30 of open hours end at 23:30, not past midnight.
        java.util.Map<java.time.DayOfWeek, BusinessCalendar.WorkingHours> always =
                new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            always.put(day, new BusinessCalendar.WorkingHours(java.time.LocalTime.MIN, java.time.LocalTime.of(23, 59)));
        }
        assertThat(new BusinessCalendar(always, Map.of())
                        .addBusinessTime(
                                toronto(2026, 3, 8, 0, 0), java.time.Duration.ofMinutes(23 * 60 + 30), TORONTO))
                .isEqualTo(toronto(2026, 3, 8, 23, 30));
        assertThat(CALENDAR.addBusinessTime(toronto(2026, 11, 18, 16, 30), java.time.Duration.ZERO, TORONTO))
                .as("nothing to count at the close: the next opening")
                .isEqualTo(toronto(2026, 11, 19, 8, 30));
    }

    @Test
    void businessDaysSkipTheWeekendAndKeepTheTimeOfDay() {
        // Thursday 19 November 2026, 10:00.
        assertThat(TWO_DAYS.dueFrom(toronto(2026, 11, 19, 10, 0), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 11, 23, 10, 0));
    }

    @Test
    void aReportAtTheWeekendIsDueAtTheCloseOfTheFirstWorkingDays() {
        // Saturday 21 November: counting starts Monday 8:30, so one working day ends Monday 16:30.
        assertThat(ONE_DAY.dueFrom(toronto(2026, 11, 21, 9, 30), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 11, 23, 16, 30));
    }

    @Test
    void aReportInTheEveningCountsFromTheNextOpening() {
        assertThat(ONE_DAY.dueFrom(toronto(2026, 11, 18, 19, 0), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 11, 19, 16, 30));
        assertThat(ONE_DAY.dueFrom(toronto(2026, 11, 18, 7, 0), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 11, 18, 16, 30));
    }

    @Test
    void publicHolidaysAreNotWorkingDays() {
        // Thursday 2 April 2026; Good Friday is a holiday, so the next working day is Monday.
        assertThat(ONE_DAY.dueFrom(toronto(2026, 4, 2, 11, 0), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 4, 6, 11, 0));
        assertThat(CALENDAR.isBusinessDay(LocalDate.of(2026, 4, 3))).isFalse();
    }

    @Test
    void hoursAreCountedAroundTheClock() {
        Instant saturdayNight = Instant.parse("2026-11-21T23:00:00Z");
        assertThat(new ServiceLevelTarget(4, ServiceLevelTarget.Unit.HOURS).dueFrom(saturdayNight, TORONTO, CALENDAR))
                .isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
    }

    @Test
    void theLocalTimeHoldsAcrossADaylightSavingChange() {
        // Friday 30 October 2026 15:00 EDT; clocks go back on Sunday 1 November.
        assertThat(ONE_DAY.dueFrom(toronto(2026, 10, 30, 15, 0), TORONTO, CALENDAR))
                .isEqualTo(toronto(2026, 11, 2, 15, 0));
    }
}
