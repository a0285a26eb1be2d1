package org.civic311.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Triage through HTTP, and its use when a request comes in. */
@Civic311Test
class TriageApiTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    JsonNode triage(String text) {
        Http.Response response = http.postJson("/api/v1/triage", JSON.writeValueAsString(Map.of("text", text)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void theBinsPostIsNotAnEmergencyAndTriageSuggestsTheServiceAndFindsTheAddress() {
        JsonNode result = triage("@City311 for the umpteenth week in a row the crew left my bins knocked over"
                + " blocking the sidewalk at 41 Elm Ave. Why do we follow the rules and they don't?");
        assertThat(result.get("emergency").isNull()).isTrue();
        assertThat(result.get("language").asString()).isEqualTo("en");
        assertThat(result.get("suggestions").values())
                .extracting(s -> s.get("serviceCode").asString())
                .hasSizeLessThanOrEqualTo(3)
                .contains("SWM-BIN-LEFT");
        assertThat(result.get("suggestions").get(0).get("confidence").asDouble())
                .isBetween(0.0, 1.0);
        JsonNode address = result.get("address");
        assertThat(address.get("text").asString()).isEqualTo("41 Elm Ave");
        // The gazetteer knows 30 Elm Ave, the nearest number on the street.
        assertThat(address.get("latitude").asDouble()).isCloseTo(43.6756, org.assertj.core.data.Offset.offset(0.001));
        assertThat(result.get("civility").get("severity").asString()).isEqualTo("NONE");
    }

    @Test
    void anEmergencyComesWithTheCall911GuidanceInTheResidentsLanguage() {
        JsonNode fire = triage("there's smoke coming out of the house next door and I hear someone inside");
        assertThat(fire.get("emergency").asString()).isEqualTo("FIRE_SMOKE");
        assertThat(fire.get("guidance").asString()).isEqualTo("This sounds like an emergency. Call 911 now.");
        JsonNode gaz = triage("ça sent le gaz très fort dans l'escalier de mon immeuble");
        assertThat(gaz.get("emergency").asString()).isEqualTo("GAS");
        assertThat(gaz.get("language").asString()).isEqualTo("fr");
        assertThat(gaz.get("guidance").asString()).contains("911").startsWith("Cela ressemble");
    }

    @Test
    void abusiveWordsAreFlaggedAndMaskedNeverEchoed() {
        JsonNode result = triage("fix this f*cking pothole on Queen St W you useless idiots");
        JsonNode civility = result.get("civility");
        assertThat(civility.get("severity").asString()).isEqualTo("OFFENSIVE");
        assertThat(civility.get("masked").asString()).doesNotContain("f*cking").doesNotContain("idiots");
        assertThat(result.get("suggestions").get(0).get("serviceCode").asString())
                .isEqualTo("CSROWR-12");
    }

    @Test
    void triageNeedsNoSignInButRefusesAnEmptyText() {
        Http.Response empty = http.postJson("/api/v1/triage", "{\"text\":\"   \"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(JSON.readTree(empty.body()).get("field").asString()).isEqualTo("text");
        assertThat(http.postJson("/api/v1/triage", "not json").status()).isEqualTo(400);
    }

    @Test
    void anEmergencyReportedThroughOpen311IsAnsweredWithCall911AndNotFiled() {
        String description = "power line down across the road and sparking, kids walking by";
        Http.Response response = http.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "TSRO-ROAD-DEBRIS"),
                        Map.entry("lat", "43.6534"),
                        Map.entry("long", "-79.3841"),
                        Map.entry("attribute[DEBRIS_TYPE]", "LARGE_OBJECT"),
                        Map.entry("attribute[BLOCKING_LANE]", "YES"),
                        Map.entry("description", description)));
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get(0);
        assertThat(error.get("code").asInt())
                .as("a code of its own, which an app tells from a form to correct")
                .isEqualTo(911);
        assertThat(error.get("description").asString()).isEqualTo("This sounds like an emergency. Call 911 now.");
        assertThat(jdbc.sql("select count(*) from service_request where description = :d")
                        .param("d", description)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anEmergencyThroughOpen311IsAnsweredBeforeWhateverElseIsWrongWithTheReport() {
        String fire = "smoke pouring out of the house next door and I can hear someone inside";
        Map<String, List<Map.Entry<String, String>>> reports = Map.of(
                "no service code",
                List.of(Map.entry("api_key", "demo-key"), Map.entry("description", fire)),
                "no place",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "TSRO-ROAD-DEBRIS"),
                        Map.entry("description", fire)),
                "a required question unanswered, in the lake",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "TSRO-ROAD-DEBRIS"),
                        Map.entry("lat", "43.60"),
                        Map.entry("long", "-79.38"),
                        Map.entry("description", fire)),
                "the words in a question's free-text answer",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "TSRO-ROAD-DAMAGE"),
                        Map.entry("lat", "43.6534"),
                        Map.entry("long", "-79.3841"),
                        Map.entry("attribute[DAMAGE_TYPE]", "SINKING"),
                        Map.entry("attribute[DETAILS]", fire)));
        reports.forEach((what, fields) -> {
            Http.Response response = http.postForm("/open311/v2/requests.json", fields);
            assertThat(response.status()).as(what).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get(0).get("code").asInt())
                    .as(what + ": " + response.body())
                    .isEqualTo(911);
        });

        Http.Response inFrench = http.header("Accept-Language", "fr-CA")
                .postForm(
                        "/open311/v2/requests.xml",
                        List.of(
                                Map.entry("api_key", "demo-key"),
                                Map.entry("service_code", "TSRO-ROAD-DEBRIS"),
                                Map.entry("description", "gas smell in the basement, very strong")));
        assertThat(inFrench.body())
                .as("the guidance in the language the app asked for")
                .contains("<code>911</code>", "Composez le 911 maintenant.");
    }

    @Test
    void publicViewsMaskAbusiveWordsWhileStaffSeeTheOriginal() {
        Http.Response created = http.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "TSRO-ROAD-DEBRIS"),
                        Map.entry("lat", "43.6534"),
                        Map.entry("long", "-79.3841"),
                        Map.entry("attribute[DEBRIS_TYPE]", "LARGE_OBJECT"),
                        Map.entry("attribute[BLOCKING_LANE]", "YES"),
                        Map.entry("description", "Some jackass dumped a mattress in the damn road")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id =
                JSON.readTree(created.body()).get(0).get("service_request_id").asString();
        String publicDescription = JSON.readTree(
                        http.get("/open311/v2/requests/" + id + ".json").body())
                .get(0)
                .get("description")
                .asString();
        assertThat(publicDescription).isEqualTo("Some j****** dumped a mattress in the d*** road");
        JsonNode record = JSON.readTree(
                http.as("roads", "civic311-demo").get("/api/v1/requests/" + id).body());
        assertThat(record.get("description").asString()).isEqualTo("Some jackass dumped a mattress in the damn road");
        assertThat(jdbc.sql("select civility from service_request where public_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("OFFENSIVE");
    }
}
