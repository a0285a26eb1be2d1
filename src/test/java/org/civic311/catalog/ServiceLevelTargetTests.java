package org.civic311.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ServiceLevelTargetTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    @Test
    void businessDaysSkipTheWeekend() {
        // Thursday 19 November 2026, 10:00 in Toronto.
        Instant thursday = ZonedDateTime.of(2026, 11, 19, 10, 0, 0, 0, TORONTO).toInstant();
        Instant due = new ServiceLevelTarget(2, ServiceLevelTarget.Unit.BUSINESS_DAYS).dueFrom(thursday, TORONTO);
        assertThat(due.atZone(TORONTO)).isEqualTo(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, TORONTO));
    }

    @Test
    void aRequestMadeOnSaturdayCountsFromMonday() {
        Instant saturday = ZonedDateTime.of(2026, 11, 21, 9, 30, 0, 0, TORONTO).toInstant();
        Instant due = new ServiceLevelTarget(1, ServiceLevelTarget.Unit.BUSINESS_DAYS).dueFrom(saturday, TORONTO);
        assertThat(due.atZone(TORONTO)).isEqualTo(ZonedDateTime.of(2026, 11, 23, 9, 30, 0, 0, TORONTO));
    }

    @Test
    void hoursAreCountedAroundTheClock() {
        Instant start = Instant.parse("2026-11-21T23:00:00Z");
        assertThat(new ServiceLevelTarget(4, ServiceLevelTarget.Unit.HOURS).dueFrom(start, TORONTO))
                .isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
    }

    @Test
    void businessDaysKeepTheLocalTimeAcrossADaylightSavingChange() {
        // Friday 30 October 2026 15:00 EDT; clocks go back on Sunday 1 November.
        Instant friday = ZonedDateTime.of(2026, 10, 30, 15, 0, 0, 0, TORONTO).toInstant();
        Instant due = new ServiceLevelTarget(1, ServiceLevelTarget.Unit.BUSINESS_DAYS).dueFrom(friday, TORONTO);
        assertThat(due.atZone(TORONTO)).isEqualTo(ZonedDateTime.of(2026, 11, 2, 15, 0, 0, 0, TORONTO));
    }
}
