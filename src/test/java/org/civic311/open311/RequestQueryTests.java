package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.civic311.requests.HistoricalRequest;
import org.civic311.requests.Location;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Open311Schemas;
import org.civic311.support.Xml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestQueryTests {

    /** 1,100 requests spread over March 2019, all at City Hall, a third of them closed. */
    static final String WINDOW = "start_date=2019-03-01T00:00:00-05:00&end_date=2019-04-01T00:00:00-04:00";

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    Open311Fixture open311;

    @BeforeAll
    void loadAMonthOfHistory() {
        List<HistoricalRequest> month = new ArrayList<>();
        Instant start = Instant.parse("2019-03-01T12:00:00Z");
        for (int i = 0; i < 1100; i++) {
            Instant requested = start.plus(i * 35L, ChronoUnit.MINUTES);
            boolean closed = i % 3 == 0;
            month.add(new HistoricalRequest(
                    "Q" + (5_000_000 + i),
                    i % 2 == 0 ? "CSROWR-12" : "CSROSC-14",
                    null,
                    null,
                    closed,
                    closed ? "Completed - The request has been concluded." : null,
                    null,
                    null,
                    new Location(43.6534 + (i % 10) * 0.001, -79.3841, "City Hall", null, null),
                    null,
                    requested,
                    requested.plus(2, ChronoUnit.DAYS),
                    requested.plus(4, ChronoUnit.DAYS)));
        }
        requests.importHistorical("toronto.ca", month);
    }

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void requestsComeAsABareArrayThatValidatesAgainstTheSchema() {
        open311.createRealtime("description", "Mattress in the curb lane");
        Http.Response response = open311.get("/v2/requests.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(Open311Schemas.errors("requests.json", response.body())).isEmpty();
        JsonNode first = Open311Fixture.json(response).get(0);
        assertThat(first.propertyNames())
                .containsExactly(
                        "service_request_id",
                        "status",
                        "status_notes",
                        "service_name",
                        "service_code",
                        "description",
                        "agency_responsible",
                        "service_notice",
                        "requested_datetime",
                        "updated_datetime",
                        "expected_datetime",
                        "address",
                        "address_id",
                        "zipcode",
                        "lat",
                        "long",
                        "media_url");
        assertThat(first.get("requested_datetime").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
    }

    @Test
    void withoutDatesOnlyTheLast90DaysAreListed() {
        String recent = open311.createRealtime();
        List<String> ids = ids(open311.get("/v2/requests.json"));
        assertThat(ids).contains(recent).doesNotContain("Q5000000");
    }

    @Test
    void ninetyDaysOfTheCitysCalendarMayHoldTheHourTheClocksGoBack() {
        // Toronto's clocks go back on 1 November 2026: these 90 days, both included, last 90 days and an hour.
        assertThat(open311.get("/v2/requests.json?start_date=2026-08-26T00:00:00&end_date=2026-11-23T23:59:59")
                        .status())
                .isEqualTo(200);
        assertThat(open311.get("/v2/requests.json?start_date=2026-08-26T00:00:00&end_date=2026-11-24T00:00:01")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void atMost1000RequestsComeBackAndPagesReachTheRest() {
        List<String> first = ids(open311.get("/v2/requests.json?" + WINDOW));
        assertThat(first).hasSize(1000);
        assertThat(first.getFirst()).isEqualTo("Q5001099"); // newest first
        List<String> second = ids(open311.get("/v2/requests.json?" + WINDOW + "&page=2"));
        assertThat(second).hasSize(100).doesNotContainAnyElementsOf(first);
        assertThat(ids(open311.get("/v2/requests.json?" + WINDOW + "&page_size=10&page=3")))
                .containsExactly(first.subList(20, 30).toArray(String[]::new));
    }

    @Test
    void statusAndServiceCodeNarrowTheList() {
        List<JsonNode> closed = list(open311.get("/v2/requests.json?" + WINDOW + "&status=closed&page_size=1000"));
        assertThat(closed).hasSize(367).allMatch(r -> r.get("status").asString().equals("closed"));
        List<JsonNode> both = list(open311.get("/v2/requests.json?" + WINDOW + "&status=open,closed&page=2"));
        assertThat(both).hasSize(100);
        List<JsonNode> sidewalks = list(open311.get("/v2/requests.json?" + WINDOW + "&service_code=CSROSC-14"));
        assertThat(sidewalks)
                .hasSize(550)
                .allMatch(r -> r.get("service_code").asString().equals("CSROSC-14"));
        List<JsonNode> two = list(
                open311.get("/v2/requests.json?" + WINDOW + "&service_code=CSROSC-14,CSROWR-12&status=open&page=1"));
        assertThat(two).hasSize(733);
    }

    @Test
    void emptyParametersAreIgnored() {
        assertThat(ids(open311.get("/v2/requests.json?" + WINDOW + "&status=&service_code=&page_size=&bbox=")))
                .hasSize(1000);
    }

    @Test
    void serviceRequestIdsOverrideEveryOtherFilter() {
        String recent = open311.createRealtime();
        List<String> ids = ids(open311.get(
                "/v2/requests.json?service_request_id=Q5000000," + recent + "&status=closed&service_code=NOPE"
                        + "&start_date=2001-01-01T00:00:00Z&end_date=2001-01-02T00:00:00Z"));
        assertThat(ids).containsExactlyInAnyOrder("Q5000000", recent);
    }

    @Test
    void updatedAfterAndBeforeSelectByTheLastChange() {
        List<JsonNode> updated = list(open311.get(
                "/v2/requests.json?updated_after=2019-03-10T00:00:00Z&updated_before=2019-03-11T00:00:00Z"));
        assertThat(updated).isNotEmpty().allSatisfy(r -> {
            Instant at = java.time.OffsetDateTime.parse(
                            r.get("updated_datetime").asString())
                    .toInstant();
            assertThat(at).isBetween(Instant.parse("2019-03-10T00:00:00Z"), Instant.parse("2019-03-11T00:00:00Z"));
        });
        assertThat(updated).hasSize(41);
    }

    @Test
    void aBoundingBoxAndARadiusSelectByPlace() {
        // The requests lie on a north-south line from 43.6534 to 43.6624 at -79.3841.
        List<JsonNode> box =
                list(open311.get("/v2/requests.json?" + WINDOW + "&bbox=-79.39,43.6530,-79.38,43.6545&page_size=1000"));
        assertThat(box).hasSize(220).allMatch(r -> r.get("lat").asDouble() <= 43.6545);
        List<JsonNode> circle = list(
                open311.get("/v2/requests.json?" + WINDOW + "&lat=43.6534&long=-79.3841&radius=120&page_size=1000"));
        // 120 m takes in the points 0 and 0.001 degrees north (0 and 111 m), not 0.002 (222 m).
        assertThat(circle).hasSize(220).allMatch(r -> r.get("lat").asDouble() <= 43.6545);
        assertThat(list(open311.get("/v2/requests.json?" + WINDOW + "&bbox=-80,45,-79,46")))
                .isEmpty();
    }

    @Test
    void aWardNarrowsTheListOnTheServerSoThatAPageHoldsOnlyItsRequests() {
        List<JsonNode> ward =
                list(open311.get("/v2/requests.json?" + WINDOW + "&ward=10&extensions=true&page_size=1000"));
        // The month's 1,100 lie in two wards: one page holds all of ward 10's, and nothing else.
        assertThat(ward).isNotEmpty().hasSizeLessThan(1000).allMatch(r -> r.get("extended_attributes")
                .get("ward")
                .asString()
                .equals("10"));
        assertThat(list(open311.get("/v2/requests.json?" + WINDOW + "&ward=99")))
                .isEmpty();
        assertThat(open311.get("/v2/requests.json?ward=" + "x".repeat(80)).status())
                .isEqualTo(400);
    }

    @Test
    void extensionsAddThePublicHistoryAndExtendedAttributes() {
        String id = open311.createRealtime();
        JsonNode request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0);
        JsonNode extended = request.get("extended_attributes");
        assertThat(extended.propertyNames())
                .contains("channel", "ward", "duplicate", "parent_service_request_id", "media_urls");
        assertThat(extended.get("duplicate").asBoolean()).isFalse();
        JsonNode note = request.get("notes").get(0);
        assertThat(note.propertyNames()).containsExactly("datetime", "summary", "description", "type");
        assertThat(note.get("type").asString()).isEqualTo("submitted");
        assertThat(Open311Fixture.json(open311.get("/v2/requests/" + id + ".json"))
                        .get(0)
                        .has("notes"))
                .isFalse();

        var xml = Xml.parse(
                open311.get("/v2/requests/" + id + ".xml?extensions=true").body());
        assertThat(Xml.text(xml, "/service_requests/request/notes/note/type")).isEqualTo("submitted");
        assertThat(Xml.text(xml, "/service_requests/request/extended_attributes/ward"))
                .isEqualTo("10");
    }

    @Test
    void oneRequestComesInTheSameListShapeInXml() {
        String id = open311.createRealtime();
        Http.Response response = open311.get("/v2/requests/" + id + ".xml");
        assertThat(response.contentType()).isEqualToIgnoringWhitespace("text/xml;charset=utf-8");
        assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var xml = Xml.parse(response.body());
        assertThat(Xml.texts(xml, "/service_requests/request/service_request_id"))
                .containsExactly(id);
        assertThat(Xml.text(xml, "/service_requests/request/status")).isEqualTo("open");
        assertThat(Xml.text(xml, "/service_requests/request/long")).isEqualTo("-79.3841");
    }

    @Test
    void aFinerStatusIsRecognisedFromAnArchivesNotes() {
        JsonNode closed = Open311Fixture.json(open311.get("/v2/requests/Q5000000.json?extensions=true"))
                .get(0);
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("extended_attributes").get("status_code").asString())
                .isEqualTo("completed");
    }

    private static List<JsonNode> list(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Open311Fixture.json(response).values().stream().toList();
    }

    private static List<String> ids(Http.Response response) {
        return list(response).stream()
                .map(r -> r.get("service_request_id").asString())
                .toList();
    }
}
