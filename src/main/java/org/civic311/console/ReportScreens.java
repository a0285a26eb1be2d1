package org.civic311.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.common.CsvCell;
import org.civic311.common.InvalidInputException;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceReport;
import org.civic311.staff.Role;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The service report: how each type of problem was served over any period, per department, on screen and as a CSV
 * file for a spreadsheet. Supervisors and administrators read every department's; a department's manager their own.
 */
@Controller
class ReportScreens {

    /** The period shown when none is chosen: the last thirty days, today included. */
    static final int DEFAULT_DAYS = 30;

    private final RequestWork work;
    private final Catalog catalog;
    private final StaffAccess access;
    private final Clock clock;

    ReportScreens(RequestWork work, Catalog catalog, StaffAccess access, Clock clock) {
        this.work = work;
        this.catalog = catalog;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/staff/reports")
    String report(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String department,
            Authentication authentication,
            Model model) {
        StaffMember member = access.member(authentication);
        ServiceReport report = report(member, from, to, department);
        Map<String, String> departments = new LinkedHashMap<>();
        catalog.departments(member.jurisdictionId()).forEach(d -> departments.put(d.code(), d.name()));
        model.addAttribute("member", member);
        model.addAttribute("report", report);
        model.addAttribute("departmentNames", departments);
        model.addAttribute(
                "departments",
                member.oversees() ? catalog.departments(member.jurisdictionId()) : List.<Department>of());
        model.addAttribute(
                "rows",
                report.rows().stream()
                        .map(row -> ReportRow.of(
                                row,
                                row.departmentCode() == null
                                        ? "311 (returned)"
                                        : departments.getOrDefault(row.departmentCode(), row.departmentCode())))
                        .toList());
        model.addAttribute("total", ReportRow.of(totals(report), ""));
        // What is open now, whenever it was made: the week's work, by ward.
        Map<String, String> wards = new LinkedHashMap<>();
        catalog.wards(member.jurisdictionId()).forEach(w -> wards.put(w.code(), w.name()));
        model.addAttribute("backlog", work.backlog(member.jurisdictionId(), report.departmentCode()));
        model.addAttribute("hotspots", work.hotspots(member.jurisdictionId(), report.departmentCode()));
        model.addAttribute("wardNames", wards);
        model.addAttribute(
                "t",
                new DepartmentScreens.LocalTimes(
                        catalog.resolveJurisdiction(member.jurisdictionId()).timeZone()));
        return "staff/reports";
    }

    /** A line of the report as people read it: percentages and medians written out, a dash for none yet. */
    record ReportRow(
            String department,
            String serviceCode,
            String serviceName,
            int received,
            int duplicates,
            int closed,
            int fixed,
            String onTime,
            int openPastDue,
            String firstResponse,
            String resolution) {

        static ReportRow of(ServiceReport.Row row, String department) {
            return new ReportRow(
                    department,
                    row.serviceCode(),
                    row.serviceName(),
                    row.received(),
                    row.duplicates(),
                    row.closed(),
                    row.closedFixed(),
                    row.onTimePercent() == null ? "–" : row.onTimePercent() + "%",
                    row.openPastDue(),
                    DashboardScreens.duration(row.medianFirstResponseMinutes()),
                    DashboardScreens.duration(row.medianResolutionMinutes()));
        }
    }

    @GetMapping("/staff/reports.csv")
    void csv(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String department,
            Authentication authentication,
            HttpServletResponse response)
            throws IOException {
        StaffMember member = access.member(authentication);
        ServiceReport report = report(member, from, to, department);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"service-report-" + report.from() + "-to-" + report.to()
                        + (report.departmentCode() == null ? "" : "-" + report.departmentCode()) + ".csv\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        // The byte order mark first, as the queue's spreadsheet has it: Excel reads the file as UTF-8 by it.
        out.write(org.civic311.common.CsvCell.BYTE_ORDER_MARK);
        out.write(
                "department,service_code,service_name,received,duplicates,closed,closed_on_time,closed_late,"
                        + "on_time_percent,open_past_due,median_first_response_minutes,median_resolution_minutes,closed_fixed\r\n");
        for (ServiceReport.Row row : report.rows()) {
            out.write(String.join(
                            ",",
                            CsvCell.of(row.departmentCode()),
                            CsvCell.of(row.serviceCode()),
                            CsvCell.of(row.serviceName()),
                            String.valueOf(row.received()),
                            String.valueOf(row.duplicates()),
                            String.valueOf(row.closed()),
                            String.valueOf(row.closedOnTime()),
                            String.valueOf(row.closedLate()),
                            row.onTimePercent() == null ? "" : String.valueOf(row.onTimePercent()),
                            String.valueOf(row.openPastDue()),
                            row.medianFirstResponseMinutes() == null
                                    ? ""
                                    : String.valueOf(row.medianFirstResponseMinutes()),
                            row.medianResolutionMinutes() == null ? "" : String.valueOf(row.medianResolutionMinutes()),
                            String.valueOf(row.closedFixed()))
                    + "\r\n");
        }
        out.flush();
    }

    /**
     * The report the member may read for the period asked: every department's, or one, for those who oversee; their
     * own department's for its manager, whatever they asked.
     */
    private ServiceReport report(
            StaffMember member, @Nullable String from, @Nullable String to, @Nullable String department) {
        String narrowedTo;
        if (member.oversees()) {
            narrowedTo = department == null || department.isBlank() ? null : department.strip();
            if (narrowedTo != null
                    && catalog.department(member.jurisdictionId(), narrowedTo).isEmpty()) {
                throw new InvalidInputException("department", "'" + narrowedTo + "' is not a department");
            }
        } else if (member.roles().contains(Role.DEPARTMENT_MANAGER) && member.departmentCode() != null) {
            narrowedTo = member.departmentCode();
        } else {
            throw new AccessDeniedException("the service report is for managers and supervisors");
        }
        LocalDate today = LocalDate.ofInstant(
                clock.instant(),
                catalog.resolveJurisdiction(member.jurisdictionId()).timeZone());
        LocalDate last = day("to", to, today);
        LocalDate first = day("from", from, last.minusDays(DEFAULT_DAYS - 1));
        return work.serviceReport(member.jurisdictionId(), first, last, narrowedTo);
    }

    private static LocalDate day(String field, @Nullable String given, LocalDate otherwise) {
        if (given == null || given.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate day = LocalDate.parse(given.strip());
            if (day.getYear() < 2000 || day.getYear() > 2100) {
                throw new InvalidInputException(field, "must be a day between the years 2000 and 2100");
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a day written YYYY-MM-DD, not “" + given.strip() + "”");
        }
    }

    /** The whole report's figures in one row, medians left out: a median of medians would mean nothing. */
    static ServiceReport.Row totals(ServiceReport report) {
        int received = 0;
        int duplicates = 0;
        int closed = 0;
        int onTime = 0;
        int late = 0;
        int pastDue = 0;
        int fixed = 0;
        for (ServiceReport.Row row : report.rows()) {
            received += row.received();
            duplicates += row.duplicates();
            closed += row.closed();
            onTime += row.closedOnTime();
            late += row.closedLate();
            pastDue += row.openPastDue();
            fixed += row.closedFixed();
        }
        return new ServiceReport.Row(
                null, "", "All types", received, duplicates, closed, onTime, late, pastDue, fixed, null, null);
    }
}
