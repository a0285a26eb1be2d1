package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@Civic311Test
class RequestCreationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void aRealtimeServiceAnswersWithTheTrackingNumber() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "TSRO-ROAD-DEBRIS",
                "lat",
                Open311Fixture.CITY_HALL_LAT,
                "long",
                Open311Fixture.CITY_HALL_LONG,
                "attribute[DEBRIS_TYPE]",
                "LIQUID",
                "attribute[BLOCKING_LANE]",
                "NO",
                "account_id",
                "app-user-7");
        assertThat(response.status()).isEqualTo(200);
        JsonNode answer = Open311Fixture.json(response);
        assertThat(answer.isArray()).isTrue();
        assertThat(answer.get(0).propertyNames()).containsExactly("service_request_id", "service_notice", "account_id");
        assertThat(answer.get(0).get("service_request_id").isString()).isTrue();
        assertThat(answer.get(0).get("account_id").asString()).isEqualTo("app-user-7");
    }

    @Test
    void aPostRetriedWithItsIdempotencyKeyFilesOneRequestAndAnswersWithIt() {
        Open311Fixture retrying = new Open311Fixture(new org.civic311.support.Http(port)
                .header("Idempotency-Key", "app-7f3c-" + java.util.UUID.randomUUID()));

        String first = retrying.createRealtime("description", "Mattress in the curb lane");
        String again = retrying.createRealtime("description", "Mattress in the curb lane");
        String another = open311.createRealtime("description", "Mattress in the curb lane");

        assertThat(again)
                .as("the retry answers with the request the first try filed")
                .isEqualTo(first);
        assertThat(another).as("without the key, a new report").isNotEqualTo(first);
    }

    @Test
    void aBatchServiceAnswersWithATokenThatLeadsToTheRequest() {
        Http.Response response = open311.postPothole("xml");
        assertThat(response.status()).isEqualTo(200);
        var answer = Xml.parse(response.body());
        assertThat(Xml.text(answer, "/service_requests/request/service_request_id"))
                .isEmpty();
        String token = Xml.text(answer, "/service_requests/request/token");
        assertThat(token).isNotBlank();

        var lookup = Xml.parse(open311.get("/v2/tokens/" + token + ".xml").body());
        String id = Xml.text(lookup, "/service_requests/request/service_request_id");
        assertThat(id).isNotBlank();
        assertThat(Xml.text(lookup, "/service_requests/request/token")).isEqualTo(token);

        JsonNode request =
                Open311Fixture.json(open311.get("/v2/requests/" + id + ".json")).get(0);
        assertThat(request.get("service_code").asString()).isEqualTo("CSROWR-12");
        assertThat(request.get("status").asString()).isEqualTo("open");
        assertThat(request.get("agency_responsible").asString()).isEqualTo("Transportation Services – Road Operations");
    }

    @Test
    void aBlackboxServiceAnswersWithNeitherIdNorToken() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "TS-STREETLIGHT-OUT",
                "address_string",
                "100 Queen St W, Toronto",
                "attribute[PROBLEM]",
                "OUT");
        assertThat(response.status()).isEqualTo(200);
        assertThat(Open311Fixture.json(response).get(0).propertyNames())
                .containsExactly("service_notice", "account_id");
    }

    @Test
    void theExpectedTimeComesFromTheServiceLevelTargetInBusinessDays() {
        String id = open311.createRealtime();
        JsonNode request =
                Open311Fixture.json(open311.get("/v2/requests/" + id + ".json")).get(0);
        ZonedDateTime requested = OffsetDateTime.parse(
                        request.get("requested_datetime").asString())
                .atZoneSameInstant(ZoneId.of("America/Toronto"));
        ZonedDateTime expected = OffsetDateTime.parse(
                        request.get("expected_datetime").asString())
                .atZoneSameInstant(ZoneId.of("America/Toronto"));
        // Road debris: 4 hours.
        assertThat(java.time.Duration.between(requested, expected)).isEqualTo(java.time.Duration.ofHours(4));

        String pothole = tokenToId(Open311Fixture.json(open311.postPothole("json"))
                .get(0)
                .get("token")
                .asString());
        JsonNode potholeRequest = Open311Fixture.json(open311.get("/v2/requests/" + pothole + ".json"))
                .get(0);
        ZonedDateTime potholeRequested = OffsetDateTime.parse(
                        potholeRequest.get("requested_datetime").asString())
                .atZoneSameInstant(ZoneId.of("America/Toronto"));
        ZonedDateTime potholeDue = OffsetDateTime.parse(
                        potholeRequest.get("expected_datetime").asString())
                .atZoneSameInstant(ZoneId.of("America/Toronto"));
        // Potholes: 4 business days (8:30 to 16:30). Made before a working day opens, that day is the first of the
        // four (3 calendar days); made after a Friday's close, Monday is (6); each public holiday adds one.
        long days =
                java.time.temporal.ChronoUnit.DAYS.between(potholeRequested.toLocalDate(), potholeDue.toLocalDate());
        assertThat(days).isBetween(3L, 8L);
        assertThat(potholeDue.getDayOfWeek()).isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
    }

    @Test
    void theRequestIsFiledInTheWardItsPointLiesIn() {
        String id = open311.createRealtime();
        JsonNode request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0);
        assertThat(request.get("extended_attributes").get("ward").asString()).isEqualTo("10");
        assertThat(request.get("extended_attributes").get("ward_name").asString())
                .isEqualTo("Spadina-Fort York");
        assertThat(request.get("extended_attributes").get("channel").asString()).isEqualTo("open311");

        // 41 Elm Ave in Rosedale, the address of the bins story.
        String rosedale = open311.createRealtime("lat", "43.6790", "long", "-79.3790");
        JsonNode elm = Open311Fixture.json(open311.get("/v2/requests/" + rosedale + ".json?extensions=true"))
                .get(0);
        assertThat(elm.get("extended_attributes").get("ward_name").asString()).isEqualTo("University-Rosedale");
    }

    @Test
    void multivaluelistAnswersAreStoredNormalised() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "SWM-BIN-LEFT",
                "address_string",
                "41 Elm Ave, Toronto",
                "attribute[BINS_AFFECTED][]",
                "GARBAGE",
                "attribute[BINS_AFFECTED][]",
                "GREEN_BIN",
                "attribute[BINS_AFFECTED][]",
                "GARBAGE",
                "attribute[BLOCKING]",
                "SIDEWALK",
                "attribute[FOUND_AT]",
                "2026-11-20T07:30");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id = tokenToId(Open311Fixture.json(response).get(0).get("token").asString());
        String answers = jdbc.sql("select attributes::text from service_request where public_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(Open311Fixture.JSON.readTree(answers).get("BINS_AFFECTED").values())
                .extracting(JsonNode::asString)
                .containsExactly("GARBAGE", "GREEN_BIN");
        assertThat(Open311Fixture.JSON.readTree(answers).get("FOUND_AT").get(0).asString())
                .isEqualTo("2026-11-20T07:30-05:00");
    }

    @Test
    void aRequestMayBeLocatedByAddressAlone() {
        JsonNode request = byAddress("Behind the old arena on the lakeshore");
        assertThat(request.get("address").asString()).isEqualTo("Behind the old arena on the lakeshore");
        assertThat(request.get("lat").isNull())
                .as("an address the gazetteer does not know stays as given")
                .isTrue();
        assertThat(request.get("description").asString()).isEqualTo("Tags all over the bin\nat the north-west corner.");
    }

    @Test
    void anAddressAloneThatTheGazetteerKnowsIsPlacedAndRoutedByItsWard() {
        JsonNode request = byAddress("30 Elm Ave");
        assertThat(request.get("address").asString()).isEqualTo("30 Elm Ave");
        assertThat(request.get("lat").asDouble()).isCloseTo(43.6755517, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(request.get("long").asDouble()).isCloseTo(-79.3778062, org.assertj.core.api.Assertions.within(1e-6));
        String id = request.get("service_request_id").asString();
        assertThat(Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                        .get(0)
                        .get("extended_attributes")
                        .get("ward_name")
                        .asString())
                .isEqualTo("University-Rosedale");
    }

    private JsonNode byAddress(String address) {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "SWLMALB-02",
                "address_string",
                address,
                "description",
                "Tags all over the bin\nat the north-west corner.");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id = tokenToId(Open311Fixture.json(response).get(0).get("token").asString());
        return Open311Fixture.json(open311.get("/v2/requests/" + id + ".json")).get(0);
    }

    @Test
    void aRequestIsCommittedOnceTheAnswerArrives() {
        String id = open311.createRealtime("email", "resident@example.org");
        Integer stored = jdbc.sql("select count(*) from service_request where public_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
        assertThat(stored).isEqualTo(1);
        String email = jdbc.sql(
                        "select email from request_reporter join service_request r on r.id = request_id where r.public_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(email).isEqualTo("resident@example.org");
    }

    private String tokenToId(String token) {
        return Open311Fixture.json(open311.get("/v2/tokens/" + token + ".json"))
                .get(0)
                .get("service_request_id")
                .asString();
    }
}
