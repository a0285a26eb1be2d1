package org.civic311.catalog;

import java.time.LocalDate;

/**
 * The city's working week or holidays changed (a storm closure entered on the day, a holiday taken back): the open
 * requests whose due times the calendar before counted are counted again on this one.
 *
 * @param from the first day the change can move a due time past or before
 */
public record BusinessCalendarChanged(
        String jurisdictionId, BusinessCalendar before, BusinessCalendar after, LocalDate from, String actor) {}
