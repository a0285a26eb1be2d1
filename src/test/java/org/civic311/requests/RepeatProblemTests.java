package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bins story: the crew leaves the bins blocking the sidewalk at 41 Elm Ave week after week. The sixth report in
 * eight weeks is flagged as a repeat problem and escalated to the supervisor of that collection route, once.
 */
@Civic311Test
class RepeatProblemTests {

    static final String ADDRESS = "41 Elm Ave, Toronto";
    static final double LAT = 43.68012;
    static final double LON = -79.38153;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RequestWork work;

    @Test
    void theSixthReportInEightWeeksIsARepeatProblemEscalatedOnceToTheRouteSupervisor() {
        Instant now = Instant.now();
        List<HistoricalRequest> earlier = new ArrayList<>();
        for (int week = 1; week <= 5; week++) {
            Instant at = now.minus(Duration.ofDays(7L * week + 1));
            earlier.add(new HistoricalRequest(
                    "ELM-" + week,
                    "SWM-BIN-LEFT",
                    null,
                    null,
                    week > 2,
                    week > 2 ? "Completed - crew spoken to" : null,
                    "Bins knocked over on the sidewalk again",
                    null,
                    // Some reports give the address, some only a point a few metres away.
                    week % 2 == 0
                            ? new Location(null, null, "41 ELM AVE., TORONTO", null, null)
                            : new Location(LAT + 0.00003, LON, null, null, null),
                    null,
                    at,
                    at,
                    at.plus(Duration.ofDays(2))));
        }
        requests.importHistorical("toronto.ca", earlier);

        Location elm = new Location(LAT, LON, ADDRESS, null, null);
        assertThat(work.placeHistory("toronto.ca", "SWM-BIN-LEFT", elm).supervisorAlerted())
                .isFalse();
        String sixth = report();
        assertThat(work.placeHistory("toronto.ca", "SWM-BIN-LEFT", elm).supervisorAlerted())
                .as("the agent about to file the seventh is not told it alerts the supervisor again")
                .isTrue();
        JsonMapper json = JSON;
        var request = json.readTree(new Http(port)
                        .get("/open311/v2/requests/" + sixth + ".json?extensions=true")
                        .body())
                .get(0);
        assertThat(request.get("extended_attributes").get("repeat_count").asInt())
                .isEqualTo(6);
        assertThat(escalations(sixth)).containsExactly("REPEAT_PROBLEM:nabernathy");

        String seventh = report();
        assertThat(json.readTree(new Http(port)
                                .get("/open311/v2/requests/" + seventh + ".json?extensions=true")
                                .body())
                        .get(0)
                        .get("extended_attributes")
                        .get("repeat_count")
                        .asInt())
                .isEqualTo(7);
        assertThat(escalations(seventh))
                .as("escalated once per window, not once per report")
                .isEmpty();

        // The supervisor dealt with it and it was closed; the bins are knocked over again: escalated again.
        work.transition(
                "toronto.ca",
                sixth,
                new Transition("completed", "Crew retrained on returning bins.", null, Resolution.FIXED),
                new Actor("swm", "web"));
        String again = report();
        assertThat(escalations(again))
                .as("the problem is back after the escalation was dealt with")
                .containsExactly("REPEAT_PROBLEM:nabernathy");

        // The supervisor is told by email, through the outbox.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        jdbc.sql("select recipient from notification where idempotency_key like 'escalation:%'"
                                        + " and request_id = (select id from service_request where public_id = :id)")
                                .param("id", sixth)
                                .query(String.class)
                                .list())
                .containsExactly("nabernathy@demo.civic311.org"));

        // Away, the supervisor reads no mail: whoever stands in for them is told too.
        absences.away(
                "toronto.ca",
                "nabernathy",
                java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto")).plusDays(3),
                "jmarchetti",
                "test");
        try {
            work.transition(
                    "toronto.ca",
                    again,
                    new Transition("completed", "Bins returned to the curb.", null, Resolution.FIXED),
                    new Actor("swm", "web"));
            String whileAway = report();
            assertThat(escalations(whileAway)).containsExactly("REPEAT_PROBLEM:nabernathy");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
                                    """
                                    select recipient from notification where idempotency_key like 'escalation:%'
                                    and request_id = (select id from service_request where public_id = :id)""")
                            .param("id", whileAway)
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrder("nabernathy@demo.civic311.org", "jmarchetti@demo.civic311.org"));
        } finally {
            absences.back("toronto.ca", "nabernathy", "test");
        }
    }

    @Autowired
    org.civic311.catalog.Absences absences;

    @Test
    void reportsElsewhereOrOfAnotherTypeDoNotCount() {
        String elsewhere = new Report(port).binsAt("43.7000", "-79.4000", "500 Elsewhere Rd");
        assertThat(repeatCount(elsewhere)).isZero();
    }

    private String report() {
        return new Report(port).binsAt(String.valueOf(LAT), String.valueOf(LON), ADDRESS);
    }

    private int repeatCount(String publicId) {
        return jdbc.sql("select repeat_count from service_request where public_id = :id")
                .param("id", publicId)
                .query(Integer.class)
                .single();
    }

    private List<String> escalations(String publicId) {
        return jdbc.sql(
                        """
                        select e.kind || ':' || e.person_key from request_escalation e
                        join service_request r on r.id = e.request_id where r.public_id = :id""")
                .param("id", publicId)
                .query(String.class)
                .list();
    }

    /** A resident reporting bins left on the sidewalk through the Open311 API. */
    record Report(int port) {
        String binsAt(String lat, String lon, String address) {
            Http http = new Http(port);
            Http.Response created = http.postForm(
                    "/open311/v2/requests.json",
                    List.of(
                            Map.entry("api_key", "demo-key"),
                            Map.entry("service_code", "SWM-BIN-LEFT"),
                            Map.entry("lat", lat),
                            Map.entry("long", lon),
                            Map.entry("address_string", address),
                            Map.entry("attribute[BINS_AFFECTED][]", "GARBAGE"),
                            Map.entry("attribute[BINS_AFFECTED][]", "GREEN_BIN"),
                            Map.entry("attribute[BLOCKING]", "SIDEWALK"),
                            Map.entry(
                                    "description",
                                    "For the umpteenth week in a row the crew left my bins knocked over blocking the"
                                            + " sidewalk.")));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String token = JSON.readTree(created.body()).get(0).get("token").asString();
            return JSON.readTree(
                            http.get("/open311/v2/tokens/" + token + ".json").body())
                    .get(0)
                    .get("service_request_id")
                    .asString();
        }
    }

    @Test
    void reportsAtOnePlaceSubmittedTogetherEachCountTheOthersAndEscalateOnce() throws Exception {
        // Twelve residents report the same bins at once, from points a few metres apart around a corner of the cells.
        double cell = 2 * 15 / 111_320.0;
        double lat = Math.round(43.70011 / cell) * cell;
        double lon = Math.round(-79.39517 / (2 * cell)) * 2 * cell;
        List<java.util.concurrent.Future<String>> sent = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 12; i++) {
                double north = (i % 3 - 1) * 0.00004;
                double east = (i % 2 == 0 ? 1 : -1) * 0.00005;
                sent.add(pool.submit(() -> requests.submit(new NewServiceRequest(
                                null,
                                "SWM-BIN-LEFT",
                                new Location(lat + north, lon + east, null, null, null),
                                "Bins on the sidewalk",
                                Map.of("BINS_AFFECTED", List.of("GARBAGE"), "BLOCKING", List.of("SIDEWALK")),
                                java.util.List.of(),
                                List.of(),
                                Reporter.anonymous(),
                                Channel.WEB,
                                null))
                        .publicId()));
            }
            List<String> ids = new ArrayList<>();
            for (var id : sent) {
                ids.add(id.get());
            }
            // Each saw every report committed before it: from the threshold (3) up, the counts are all different.
            assertThat(jdbc.sql(
                                    "select repeat_count from service_request where public_id in (:ids) and repeat_count > 0")
                            .param("ids", ids)
                            .query(Integer.class)
                            .list())
                    .containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            assertThat(jdbc.sql(
                                    """
                                    select count(*) from request_escalation e join service_request r on r.id = e.request_id
                                    where r.public_id in (:ids) and e.kind = 'REPEAT_PROBLEM'""")
                            .param("ids", ids)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
