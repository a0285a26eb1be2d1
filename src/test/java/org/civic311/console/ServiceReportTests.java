package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Managers report on the service over any period: per department and type, what came in, what was closed and how
 * promptly, on screen and as a CSV file; a department's manager reads their own department's only.
 */
@Civic311Test
class ServiceReportTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    Http signedIn(String username) {
        Http desk = Http.browser(port);
        assertThat(desk.signIn(username, "civic311-demo", null).status()).isEqualTo(302);
        return desk;
    }

    /** Received, closed and closed on time for the type, summed over the departments the CSV lists it under. */
    /** Received, duplicates, closed and closed on time, summed over the type's lines. */
    static int[] figuresOf(String csv, String serviceCode) {
        int[] figures = new int[4];
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",");
            if (cells.length > 6 && cells[1].equals(serviceCode)) {
                for (int i = 0; i < 4; i++) {
                    figures[i] += Integer.parseInt(cells[3 + i]);
                }
            }
        }
        return figures;
    }

    String report(int n) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6611 + n * 0.001, -79.3957, n + " College St", null, null),
                        "Stickers on the litter bin, for the report " + n,
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }

    @Test
    void aSupervisorReportsWhatCameInAndHowPromptlyItWasClosedAndDownloadsIt() {
        Http supervisor = signedIn("supervisor");
        Http.Response before = supervisor.get("/staff/reports.csv");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.contentType()).startsWith("text/csv");
        assertThat(before.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"service-report-");
        assertThat(before.body())
                .startsWith(
                        "\uFEFFdepartment,service_code,service_name,received,duplicates,closed,closed_on_time,closed_late,"
                                + "on_time_percent,open_past_due,");
        int[] was = figuresOf(before.body(), "SWLMALB-02");
        int fixedBefore = fixedOf(before.body(), "SWLMALB-02");

        String open = report(1);
        String closed = report(2);
        work.transition(
                "toronto.ca",
                closed,
                new Transition("completed", "The stickers are off.", null, Resolution.FIXED),
                new Actor("swm", "console"));
        // Linked to the report it repeats, the moment it came in: a duplicate, not a request closed on time.
        String again = report(3);
        work.markDuplicate("toronto.ca", again, open, new Actor("swm", "console"));

        String csv = supervisor.get("/staff/reports.csv").body();
        int[] now = figuresOf(csv, "SWLMALB-02");
        assertThat(now).containsExactly(was[0] + 3, was[1] + 1, was[2] + 1, was[3] + 1);
        assertThat(fixedOf(csv, "SWLMALB-02"))
                .as("the one closed was closed as fixed")
                .isEqualTo(fixedBefore + 1);
        assertThat(supervisor.get("/staff/reports").body())
                .contains("Service report", "SWLMALB-02", "Download as CSV", "every department");
        assertThat(supervisor.get("/staff/reports?department=TSRO").body())
                .doesNotContain("SWLMALB-02", "every department");
    }

    @Test
    void aRequestThatWentPastItsDueTimeStaysLateWhateverIsDoneToItsDueTimeAfter() {
        Http supervisor = signedIn("supervisor");
        int[] was = figuresOf(supervisor.get("/staff/reports.csv").body(), "SWLMALB-02");
        int lateBefore = lateOf(supervisor.get("/staff/reports.csv").body(), "SWLMALB-02");
        String id = report(11);
        jdbc.sql("update service_request set expected_at = now() - interval '1 hour' where public_id = :id")
                .param("id", id)
                .update();
        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", "The stickers are off.", null, Resolution.FIXED),
                new Actor("swm", "console"));
        // Back the next day; closed again well within the new due time it was given.
        work.reopen("toronto.ca", id, "The stickers are back.", new Actor("swm", "console"));
        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", "Cleaned again.", null, Resolution.FIXED),
                new Actor("swm", "console"));

        String csv = supervisor.get("/staff/reports.csv").body();
        assertThat(figuresOf(csv, "SWLMALB-02")[3]).as("not closed on time").isEqualTo(was[3]);
        assertThat(lateOf(csv, "SWLMALB-02")).isEqualTo(lateBefore + 1);
    }

    /** Closed as fixed, summed over the type's lines: the last column. */
    static int fixedOf(String csv, String serviceCode) {
        int fixed = 0;
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",");
            if (cells.length > 7 && cells[1].equals(serviceCode)) {
                fixed += Integer.parseInt(cells[cells.length - 1]);
            }
        }
        return fixed;
    }

    /** Closed late, summed over the type's lines. */
    static int lateOf(String csv, String serviceCode) {
        int late = 0;
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",");
            if (cells.length > 7 && cells[1].equals(serviceCode)) {
                late += Integer.parseInt(cells[7]);
            }
        }
        return late;
    }

    @Test
    void theShareOnTimeCountsThoseLeftOpenPastDueAgainstItAndThoseWithoutADueTimeForNeither() {
        var row = new org.civic311.requests.ServiceReport.Row(null, "T", "Type", 130, 0, 30, 10, 0, 90, 10, null, null);
        assertThat(row.onTimePercent())
                .as("ten closed on time and ninety left overdue is not 100% on time")
                .isEqualTo(10);
        assertThat(new org.civic311.requests.ServiceReport.Row(null, "T", "Type", 5, 0, 5, 3, 1, 0, 4, null, null)
                        .onTimePercent())
                .as("of five closed, one had no due time: three of the four due were on time")
                .isEqualTo(75);
        assertThat(new org.civic311.requests.ServiceReport.Row(null, "T", "Type", 2, 0, 2, 0, 0, 0, 0, null, null)
                        .onTimePercent())
                .isNull();
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theBacklogCountsWhatIsOpenNowWhenEverItWasMadeTheMostOverdueFirst() {
        String old = report(7);
        // To the millisecond: PostgreSQL keeps microseconds, and rounds what is finer.
        java.time.Instant made = java.time.Instant.now()
                .minus(java.time.Duration.ofDays(60))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        jdbc.sql(
                        """
                        update service_request set requested_at = :made, expected_at = :due
                        where public_id = :id""")
                .param("made", java.sql.Timestamp.from(made))
                .param("due", java.sql.Timestamp.from(made.plus(java.time.Duration.ofDays(5))))
                .param("id", old)
                .update();
        var request = requests.find("toronto.ca", old).orElseThrow();

        var line = work.backlog("toronto.ca", "SWM").stream()
                .filter(b -> b.serviceCode().equals("SWLMALB-02")
                        && java.util.Objects.equals(b.wardCode(), request.wardCode()))
                .findFirst()
                .orElseThrow();
        assertThat(line.overdue()).as("made two months ago, long past due").isPositive();
        assertThat(line.oldest()).isBeforeOrEqualTo(made);
        assertThat(work.backlog("toronto.ca", "TSRO"))
                .as("one department's backlog is its own")
                .allSatisfy(b -> assertThat(b.departmentCode()).isEqualTo("TSRO"));
        assertThat(signedIn("swm.manager").get("/staff/reports").body())
                .as("outside the report's thirty days, but still open: in the backlog")
                .contains("Open now, by ward and type", request.wardCode() + " ")
                .as("each line's overdue figure opens the queue filtered to it")
                .contains("href=\"/staff/queues/SWM?service=SWLMALB-02&amp;ward=" + request.wardCode()
                        + "&amp;late=on\"");
    }

    @Test
    void aDepartmentsManagerReadsTheirOwnDepartmentOnlyAndOthersNone() {
        report(3);
        Http manager = signedIn("swm.manager");
        String csv = manager.get("/staff/reports.csv?department=TSRO").body();
        assertThat(csv.lines().skip(1))
                .as("asked for Roads, given their own Solid Waste")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("SWM,"));
        assertThat(manager.get("/staff/reports").body()).doesNotContain("Every department");

        assertThat(signedIn("swm").get("/staff/reports").status()).isEqualTo(403);
        assertThat(signedIn("agent").get("/staff/reports.csv").status()).isEqualTo(403);
    }

    @Test
    void aPeriodThatIsNotOneIsRefusedByName() {
        Http supervisor = signedIn("supervisor");

        Http.Response notADay = supervisor.get("/staff/reports?from=2026-13-01");
        assertThat(notADay.status()).isEqualTo(400);
        assertThat(notADay.body()).contains("must be a day written YYYY-MM-DD");
        assertThat(supervisor
                        .get("/staff/reports?from=2026-11-20&to=2026-11-01")
                        .status())
                .isEqualTo(400);
        assertThat(supervisor
                        .get("/staff/reports.csv?from=2020-01-01&to=2026-01-01")
                        .body())
                .contains("a report covers at most 366 days");
        assertThat(supervisor.get("/staff/reports?department=NOPE").status()).isEqualTo(400);
    }

    @Test
    void aCallAnsweredAsItIsMadeDoesNotCountAsAFirstResponseOfNoMinutes() {
        requests.submit(new NewServiceRequest(
                null,
                "TPH-FOOD-SAFETY",
                new Location(43.6532, -79.3832, "100 Queen St W", null, null),
                "Mice in the kitchen, the caller saw them at lunch",
                Map.of("BUSINESS_NAME", List.of("The Corner Diner"), "ISSUES", List.of("PESTS")),
                java.util.List.of(),
                List.of(),
                Reporter.anonymous(),
                Channel.PHONE,
                null));
        String line = signedIn("supervisor")
                .get("/staff/reports.csv")
                .body()
                .lines()
                .filter(l -> l.startsWith("TPH,TPH-FOOD-SAFETY,"))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .as("no median of first response from calls alone (the columns before the count closed as fixed)")
                .matches(".*,,[^,]*,\\d+$");
    }
}
