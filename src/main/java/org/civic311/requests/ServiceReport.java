package org.civic311.requests;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How each type of problem was served over a period of local days, per department: what a manager reports on.
 * Requests are counted by the day they were made; imported history is left out.
 *
 * @param departmentCode the department the report was narrowed to, or null for every department
 */
public record ServiceReport(LocalDate from, LocalDate to, @Nullable String departmentCode, List<Row> rows) {

    /**
     * One type of problem in one department's queue.
     *
     * @param received every report made, duplicates included (they are residents' calls on the city too)
     * @param duplicates those closed by linking them to the report of the same problem they repeat: left out of the
     *     closing figures, which would otherwise count them as closed on time the moment they were linked
     * @param closed closed, duplicates left out
     * @param closedOnTime closed by their due time, never having gone past one
     * @param closedLate closed after their due time, or having once gone past one (a due day moved after the breach,
     *     or a request reopened and closed again in time, does not take the breach back)
     * @param openPastDue still open after their due time, or having once gone past one
     * @param closedFixed of those closed, those closed as fixed: a request closed as not the city's, or referred, is
     *     closed within minutes, and without this the figures read as if every one had been dealt with
     * @param medianFirstResponseMinutes from the report to the first answer the reporter was given, of those answered
     *     that were not made by phone or at the counter (answered as they are made, they would count as none)
     * @param medianResolutionMinutes from the report to its closing, of those closed (duplicates left out)
     */
    public record Row(
            @Nullable String departmentCode,
            String serviceCode,
            String serviceName,
            int received,
            int duplicates,
            int closed,
            int closedOnTime,
            int closedLate,
            int openPastDue,
            int closedFixed,
            @Nullable Long medianFirstResponseMinutes,
            @Nullable Long medianResolutionMinutes) {

        /**
         * The share served on time, in whole percent, of those whose due time has come: closed on time, closed late,
         * or still open past it. Those still open past due count against it (of those closed alone, ten closed on
         * time and ninety left overdue would read 100%); those without a due time count for neither. Null while none
         * is due.
         */
        public @Nullable Integer onTimePercent() {
            int due = closedOnTime + closedLate + openPastDue;
            return due == 0 ? null : (int) Math.round(100.0 * closedOnTime / due);
        }
    }
}
