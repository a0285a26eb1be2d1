package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every refusal is a 4xx with the specification's error list, naming what is wrong. */
@Civic311Test
class ErrorTests {

    @LocalServerPort
    int port;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void aMissingApiKeyIsRefusedWith403InTheRequestedFormat() {
        Http.Response json = open311.post("json", "service_code", "CSROWR-12", "lat", "43.65", "long", "-79.38");
        assertThat(json.status()).isEqualTo(403);
        JsonNode errors = Open311Fixture.json(json);
        assertThat(errors.isArray()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(403);
        assertThat(errors.get(0).get("description").asString()).contains("api_key");

        Http.Response xml = open311.post("xml", "api_key", "wrong", "service_code", "CSROWR-12");
        assertThat(xml.status()).isEqualTo(403);
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        var document = Xml.parse(xml.body());
        assertThat(Xml.text(document, "/errors/error/code")).isEqualTo("403");
    }

    @Test
    void anEmptyApiKeyIsAMissingOne() {
        Http.Response response = open311.postPothole("json", "api_key", "");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("api_key is missing");
    }

    @Test
    void anAddressOrMethodTheSpecificationDoesNotHaveIsAnsweredWithItsErrorList() {
        Http.Response bare = open311.get("/v2/requests");
        assertThat(bare.status()).isEqualTo(404);
        assertThat(Xml.text(Xml.parse(bare.body()), "/errors/error/description"))
                .contains("there is no Open311 resource at /open311/v2/requests");
        Http.Response reports = open311.get("/v2/reports.xml");
        assertThat(reports.status()).isEqualTo(404);
        assertThat(Xml.text(Xml.parse(reports.body()), "/errors/error/code")).isEqualTo("404");

        Http.Response posted = new Http(port).postForm("/open311/v2/services.json", java.util.List.of());
        assertThat(posted.status()).isEqualTo(405);
        JsonNode errors = Open311Fixture.json(posted);
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(405);
        assertThat(errors.get(0).get("description").asString())
                .contains("POST is not taken at /open311/v2/services.json");
    }

    @Test
    void unknownThingsAre404() {
        assertThat(open311.get("/v2/services/NO-SUCH-CODE.json").status()).isEqualTo(404);
        assertThat(open311.get("/v2/requests/999999999999.json").status()).isEqualTo(404);
        assertThat(open311.get("/v2/tokens/00000000-0000-0000-0000-000000000000.json")
                        .status())
                .isEqualTo(404);
        assertThat(open311.get("/v2/tokens/not-a-token.xml").status()).isEqualTo(404);
        Http.Response jurisdiction = open311.get("/v2/services.json?jurisdiction_id=atlantis.gov");
        assertThat(jurisdiction.status()).isEqualTo(404);
        assertThat(Open311Fixture.json(jurisdiction).get(0).get("description").asString())
                .contains("jurisdiction_id");
        Http.Response service = open311.post(
                "json", "api_key", "demo-key", "service_code", "NO-SUCH-CODE", "address_string", "1 Yonge St");
        assertThat(service.status()).isEqualTo(404);
        assertThat(open311.get("/v2/services.html").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "attribute[POTHOLE_SIZE]|ENORMOUS|attribute[POTHOLE_SIZE] must be one of",
                "attribute[POTHOLE_COUNT]|several|attribute[POTHOLE_COUNT] must be a number",
                "attribute[NOT_A_QUESTION]|x|attribute[NOT_A_QUESTION] is not a question",
                "lat|91|lat must be between -90 and 90",
                "lat|north|lat must be a decimal number",
                "long|-200|long must be between -180 and 180",
                "email|not-an-address|email is not an email address",
                "phone|call me|phone is not a phone number",
                "media_url|javascript:alert(1)|media_url must be an http or https URL",
                "description|<script>alert(1)</script>|description must be plain text",
            })
    void badFieldsAreRefusedWith400NamingTheField(String field, String value, String message) {
        Http.Response response = open311.postPothole("json", field, value);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(Open311Fixture.json(response).get(0).get("description").asString())
                .contains(message);
    }

    @Test
    void aRequiredQuestionMustBeAnswered() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "CSROWR-12",
                "lat",
                Open311Fixture.CITY_HALL_LAT,
                "long",
                Open311Fixture.CITY_HALL_LONG,
                "attribute[POTHOLE_SIZE]",
                "SMALL");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("attribute[LOCATION_ON_ROAD] is required");
    }

    @Test
    void aSingleValueQuestionTakesOneValue() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "CSROWR-12",
                "address_string",
                "Dundas St W / Bathurst St",
                "attribute[POTHOLE_SIZE]",
                "SMALL",
                "attribute[POTHOLE_SIZE]",
                "LARGE",
                "attribute[LOCATION_ON_ROAD]",
                "CURB_LANE");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("attribute[POTHOLE_SIZE] takes one value, got 2");
    }

    @Test
    void aLocationIsRequiredAndLatitudeNeedsLongitude() {
        Http.Response none = open311.post("json", "api_key", "demo-key", "service_code", "SWLMALB-02");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("location is required: lat and long, address_string or address_id");

        Http.Response half = open311.post("json", "api_key", "demo-key", "service_code", "SWLMALB-02", "lat", "43.65");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body()).contains("long is missing");
    }

    @Test
    void aFieldGivenTwiceWithDifferentValuesIsRefusedNotGuessed() {
        Http.Response twice = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "CSROWR-12",
                "service_code",
                "SWLMALB-02",
                "address_string",
                "Dundas St W / Bathurst St");
        assertThat(twice.status()).as(twice.body()).isEqualTo(400);
        assertThat(twice.body()).contains("service_code was given 2 different values; send one");
        Http.Response same = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "CSROWR-12",
                "service_code",
                "CSROWR-12",
                "lat",
                Open311Fixture.CITY_HALL_LAT,
                "long",
                Open311Fixture.CITY_HALL_LONG,
                "attribute[POTHOLE_SIZE]",
                "SMALL",
                "attribute[LOCATION_ON_ROAD]",
                "CURB_LANE");
        assertThat(same.status()).as("the same value twice is one value").isEqualTo(200);
    }

    @Test
    void contactDetailsWrittenIntoThePublishedAddressAreRefused() {
        Http.Response response = open311.postPothole("json", "address_string", "12 Oak St, call Ann at 416-555-0142");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body())
                .contains("address_string must name a place only: a phone number or an email goes in its own field");
    }

    @Test
    void anUnknownServiceCodeIsNotEchoedInFull() {
        Http.Response response = open311.post(
                "json", "api_key", "demo-key", "service_code", "X".repeat(5000), "address_string", "1 Yonge St");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().length()).isLessThan(300);
    }

    @Test
    void aPointOutsideTheCityIsRefused() {
        Http.Response lake = open311.postPothole("json", "lat", "43.60", "long", "-79.38");
        assertThat(lake.status()).isEqualTo(400);
        assertThat(lake.body()).contains("lat/long (43.6, -79.38) lies outside City of Toronto");
        assertThat(open311.postPothole("json", "lat", "0.00001", "long", "-79.38")
                        .body())
                .as("in plain decimals")
                .contains("lat/long (0.00001, -79.38) lies outside");
    }

    @Test
    void aDescriptionLongerThan4000CharactersIsRefused() {
        assertThat(open311.postPothole("json", "description", "a".repeat(4000)).status())
                .isEqualTo(200);
        Http.Response tooLong = open311.postPothole("json", "description", "a".repeat(4001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("description is 4001 characters long; at most 4000 are allowed");
    }

    @Test
    void aRetiredServiceTakesNoNewRequests() {
        Http.Response response = open311.post(
                "json",
                "api_key",
                "demo-key",
                "service_code",
                "SWM-BIN-NOT-RETURNED",
                "address_string",
                "41 Elm Ave",
                "attribute[BINS_AFFECTED][]",
                "GARBAGE");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("retired");
    }

    @Test
    void controlCharactersNeverReachTheDatabase() {
        Http.Response response =
                open311.postPothole("json", "description", "pothole\u0000 here", "first_name", "A\u0000");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "start_date=yesterday|start_date must be a W3C date-time",
                "start_date=2026-01-01T00:00:00Z&end_date=2025-01-01T00:00:00Z|end_date is before start_date",
                "start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z|end_date may not be more than 90 days after start_date",
                "status=pending|status must be open, closed or both",
                "page_size=1001|page_size must be a whole number from 1 to 1000",
                "page=0|page must be a whole number",
                "bbox=1,2,3|bbox must be min_long,min_lat,max_long,max_lat",
                "bbox=-79,43,-80,44|with the minimum first",
                "radius=500&lat=43.6|radius comes with lat and long",
                "lat=43.6&long=-79.4&radius=90000|radius must be more than 0 and at most 50000",
                "extensions=maybe|extensions must be true or false",
            })
    void badQueriesAreRefusedWith400(String query, String message) {
        Http.Response response = open311.get("/v2/requests.json?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(Open311Fixture.json(response).get(0).get("description").asString())
                .contains(message);
    }

    @Test
    void aPositionSentWithoutARadiusIsLeftAsideAsTheSpecificationsGetHasNoneAndTheListComesBack() {
        Http.Response listed = open311.get("/v2/requests.json?lat=43.6&long=-79.4");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(open311.get("/v2/requests.json?lat=43.6&long=-79.4&bbox=-79.5,43.5,-79.3,43.7")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aHugeNumberIsRefusedNotPrinted() {
        Http.Response response = open311.postPothole("json", "attribute[POTHOLE_COUNT]", "1e999999999");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("attribute[POTHOLE_COUNT] is too large or too precise a number");
    }

    @Test
    void nulCharactersAndDatesOutOfRangeInQueriesAreNotServerErrors() {
        assertThat(open311.get("/v2/requests.json?service_request_id=%00").status())
                .isEqualTo(200);
        assertThat(open311.get("/v2/requests.json?service_code=%00").status()).isEqualTo(200);
        Http.Response far = open311.get("/v2/requests.json?start_date=%2B300000-01-01T00:00:00Z");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.body()).contains("start_date must be between the years 1900 and 9999");
        Http.Response answer = open311.postPothole("json", "attribute[POTHOLE_COUNT]", "2\u0000");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }
}
