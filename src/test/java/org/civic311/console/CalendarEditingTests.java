package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators keep the business calendar in the console: a holiday added pushes the next request's due date past
 * it, and removed puts it back; the working week changes for the next request; bad hours and days are refused by
 * name; every change is recorded with who made it.
 */
@Civic311Test
class CalendarEditingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    @LocalServerPort
    int port;

    Http admin() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        return admin;
    }

    static Http.Response post(Http desk, String path, Map<String, String> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>(fields.entrySet());
        form.add(Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postForm(path, form);
    }

    /** When a report of the type made now is due. */
    OffsetDateTime due(String code) {
        return dueOf(reported(code));
    }

    /** A report of the type made now: its number. */
    String reported(String code) {
        Http.Response created = new Http(port)
                .postForm(
                        "/open311/v2/requests.json",
                        List.of(
                                Map.entry("api_key", "demo-key"),
                                Map.entry("service_code", code),
                                Map.entry("lat", "43.66112"),
                                Map.entry("long", "-79.40321"),
                                Map.entry("description", "The bench by the fountain is broken"),
                                Map.entry("email", "resident@example.org")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).get(0).get("service_request_id").asString();
    }

    OffsetDateTime dueOf(String id) {
        JsonNode request = JSON.readTree(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json")
                        .body())
                .get(0);
        return OffsetDateTime.parse(request.get("expected_datetime").asString());
    }

    @Test
    void aHolidayPushesTheNextDueDatePastItAndRemovedPutsItBack() {
        Http admin = admin();
        assertThat(post(
                                admin,
                                "/staff/admin/catalogue/types",
                                ServiceTypeEditingTests.form("PFR-BENCH-H", "targetAmount", "2"))
                        .status())
                .isEqualTo(302);
        String madeBefore = reported("PFR-BENCH-H");
        OffsetDateTime before = dueOf(madeBefore);
        // The first weekday after today that is not a holiday: a target of two business days always counts it.
        LocalDate day = LocalDate.now(TORONTO).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY
                || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || admin.get("/staff/admin/catalogue/calendar").body().contains(day.toString())) {
            day = day.plusDays(1);
        }

        Http.Response added = post(
                admin, "/staff/admin/catalogue/calendar/holidays", Map.of("day", day.toString(), "name", "Civic Day"));
        OffsetDateTime during;
        try {
            assertThat(added.status()).as(added.body()).isEqualTo(302);
            during = due("PFR-BENCH-H");
            assertThat(Duration.between(before, during)).isGreaterThan(Duration.ofHours(12));
            // A closure entered after the request was made moves its due time past it too, rather than let it breach.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                            Duration.between(before, dueOf(madeBefore)))
                    .isGreaterThan(Duration.ofHours(12)));
            assertThat(admin.get("/staff/admin/catalogue/calendar").body())
                    .contains(day.toString(), "Civic Day", "holiday “Civic Day” added", "admin");
        } finally {
            // The application is shared by every test class: the calendar is left as it was, whatever failed.
            Http.Response removed =
                    post(admin, "/staff/admin/catalogue/calendar/holidays/" + day + "/remove", Map.of());
            assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        }
        assertThat(due("PFR-BENCH-H")).isBefore(during);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        dueOf(madeBefore))
                .as("the holiday taken back, back to when it was due")
                .isEqualTo(before));
        assertThat(admin.get("/staff/admin/catalogue/calendar").body()).contains("holiday “Civic Day” removed");
        assertThat(post(admin, "/staff/admin/catalogue/calendar/holidays/" + day + "/remove", Map.of())
                        .status())
                .as("there is no holiday left to remove")
                .isEqualTo(404);
    }

    @Test
    void theWorkingWeekChangesAndBadHoursOrDaysAreRefusedByName() {
        Http admin = admin();
        Map<String, String> week = new java.util.HashMap<>();
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put("opens." + day, "08:30");
            week.put("closes." + day, "16:30");
        }
        Map<String, String> saturday = new java.util.HashMap<>(week);
        saturday.put("opens.SATURDAY", "10:00");
        saturday.put("closes.SATURDAY", "14:00");

        try {
            assertThat(post(admin, "/staff/admin/catalogue/calendar/week", saturday)
                            .status())
                    .isEqualTo(302);
            assertThat(admin.get("/staff/admin/catalogue/calendar").body())
                    .contains("Saturday closed → 10:00–14:00", "value=\"10:00\"");
        } finally {
            assertThat(post(admin, "/staff/admin/catalogue/calendar/week", week).status())
                    .isEqualTo(302);
        }
        assertThat(admin.get("/staff/admin/catalogue/calendar").body()).contains("Saturday 10:00–14:00 → closed");

        Map<String, String> backwards = new java.util.HashMap<>(week);
        backwards.put("closes.MONDAY", "07:00");
        Http.Response refused = post(admin, "/staff/admin/catalogue/calendar/week", backwards);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body())
                .contains("closing time must be after the day opens (08:30)")
                .as("the refused week is shown as typed")
                .contains("value=\"07:00\"");
        Http.Response none = post(admin, "/staff/admin/catalogue/calendar/week", Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("The week needs at least one working day");
        Http.Response half = post(admin, "/staff/admin/catalogue/calendar/week", Map.of("opens.MONDAY", "08:30"));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body()).contains("is needed with the other time of the day");
        Http.Response badDay = post(
                admin,
                "/staff/admin/catalogue/calendar/holidays",
                Map.of("day", "next friday", "name", "Long weekend"));
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.body()).contains("The day must be a date such as 2026-12-25", "Long weekend");
        Http.Response noName =
                post(admin, "/staff/admin/catalogue/calendar/holidays", Map.of("day", "2031-07-02", "name", " "));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).contains("Name is required");
        Http.Response farOff = post(
                admin, "/staff/admin/catalogue/calendar/holidays", Map.of("day", "+999999999-12-31", "name", "Far"));
        assertThat(farOff.status()).isEqualTo(400);
        assertThat(farOff.body()).contains("between the years 2000 and 2100");

        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get("/staff/admin/catalogue/calendar").status()).isEqualTo(403);
        assertThat(agent.get("/staff/catalogue").body()).doesNotContain("Change the hours or holidays");
    }
}
