package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What common clients send, read as they mean it: lists as qs and PHP write them, statuses in capitals, a span of
 * whole days; a report sent as JSON is told how to send it, rather than that its key is missing.
 */
@Civic311Test
class ClientHabitsTests {

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
    void aReportSentAsJsonIsToldToSendFormFieldsNotThatItsKeyIsMissing() {
        Http.Response sent = open311.http()
                .postJson(
                        "/open311/v2/requests.json",
                        "{\"api_key\":\"demo-key\",\"service_code\":\"CSROWR-12\",\"lat\":43.6534,\"long\":-79.3841}");
        assertThat(sent.status()).isEqualTo(415);
        assertThat(open311.http()
                        .post("/open311/v2/requests.json", "text/plain", "api_key=demo-key&service_code=CSROWR-12")
                        .status())
                .as("nor as plain text")
                .isEqualTo(415);
        assertThat(sent.body())
                .contains("send the request as application/x-www-form-urlencoded or multipart/form-data")
                .doesNotContain("api_key");
    }

    @Test
    void aListWrittenWithIndexesAsQsAndPhpWriteItKeepsEveryChoice() {
        Http.Response created = open311.post(
                "json",
                "api_key",
                Open311Fixture.API_KEY,
                "service_code",
                "TSRO-STREET-SWEEPING",
                "lat",
                Open311Fixture.CITY_HALL_LAT,
                "long",
                Open311Fixture.CITY_HALL_LONG,
                "attribute[MATERIAL][0]",
                "SAND_GRIT",
                "attribute[MATERIAL][1]",
                "LEAVES");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = Open311Fixture.json(created).get(0).get("token").asString();
        assertThat(jdbc.sql("select attributes::text from service_request where token = cast(:token as uuid)")
                        .param("token", token)
                        .query(String.class)
                        .single())
                .contains("SAND_GRIT", "LEAVES");
    }

    @Test
    void everyPhotoLinkSentOneAfterAnotherIsKeptAsFixMyStreetSendsThem() {
        String id = open311.createRealtime(
                "media_url", "https://photos.example.org/one.jpg", "media_url", "https://photos.example.org/two.jpg");
        // The fixture keeps one value per name: send the second link again beside the first.
        Http.Response both = open311.post(
                "json",
                "api_key",
                Open311Fixture.API_KEY,
                "service_code",
                "TSRO-ROAD-DEBRIS",
                "lat",
                Open311Fixture.CITY_HALL_LAT,
                "long",
                Open311Fixture.CITY_HALL_LONG,
                "attribute[DEBRIS_TYPE]",
                "LARGE_OBJECT",
                "attribute[BLOCKING_LANE]",
                "YES",
                "media_url",
                "https://photos.example.org/one.jpg",
                "media_url",
                "https://photos.example.org/two.jpg");
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        String twoPhotos =
                Open311Fixture.json(both).get(0).get("service_request_id").asString();
        assertThat(Open311Fixture.json(open311.get("/v2/requests/" + twoPhotos + ".json?extensions=true"))
                        .get(0)
                        .get("extended_attributes")
                        .get("media_urls")
                        .values())
                .extracting(tools.jackson.databind.JsonNode::asString)
                .containsExactly("https://photos.example.org/one.jpg", "https://photos.example.org/two.jpg");
        assertThat(id).isNotBlank();
    }

    @Test
    void aStatusInCapitalsAndASpanOfWholeDaysAreReadAsMeant() {
        String id = open311.createRealtime();
        String today = LocalDate.now(ZoneId.of("America/Toronto")).toString();
        Http.Response found = open311.get("/v2/requests.json?status=OPEN&start_date=" + today + "&end_date=" + today);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).as("the end date is the whole of that day").contains(id);
        assertThat(open311.get("/v2/requests.json?start_date=2026-01-01&end_date=2026-04-01")
                        .status())
                .as("ninety days from one bare date to another, as before")
                .isEqualTo(200);
        assertThat(open311.get("/v2/requests.json?updated_after=" + today + "&updated_before=" + today
                                + "&service_request_id=")
                        .body())
                .as("updated before a day is before it begins")
                .doesNotContain(id);
    }

    @Test
    void aClientAskingAfterMoreThanAThousandRequestsGetsTheFirstThousand() {
        String id = open311.createRealtime();
        StringBuilder ids = new StringBuilder(id);
        for (int i = 0; i < 1200; i++) {
            ids.append("%2CNOT-SENT-").append(i);
        }
        Http.Response found = open311.get("/v2/requests.json?service_request_id=" + ids);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("\"service_request_id\":\"" + id + "\"");
    }

    @Test
    void aDescriptionIsCountedInCharactersAsItsReaderCountsThem() {
        String holes = "🕳".repeat(4000);
        Http.Response longest = open311.postPothole("json", "description", holes);
        assertThat(longest.status())
                .as("4,000 emoji are 4,000 characters, not 8,000: " + longest.body())
                .isEqualTo(200);
        Http.Response tooLong = open311.postPothole("json", "description", holes + "🕳");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("is 4001 characters long; at most 4000 are allowed");
    }

    @Test
    void aWebAppToldToSlowDownCanReadHowLongToWait() {
        Http.Response answered =
                open311.http().header("Origin", "https://app.example.org").get("/open311/v2/services.json");
        assertThat(answered.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(exposed -> assertThat(exposed).contains("Retry-After"));
    }
}
