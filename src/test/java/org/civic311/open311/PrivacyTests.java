package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a reporter tells the city about themselves never appears in a public answer. */
@Civic311Test
class PrivacyTests {

    @LocalServerPort
    int port;

    @Test
    void reporterDetailsAppearInNoOpen311Answer() {
        Open311Fixture open311 = new Open311Fixture(port);
        String id = open311.createRealtime(
                "first_name", "Wilhelmina",
                "last_name", "Quackenbush",
                "email", "wilhelmina.q@example.org",
                "phone", "+1 416 555 0199 ext. 22",
                "device_id", "device-8f3e2a",
                "account_id", "account-77341");
        List<String> secrets = List.of(
                "Wilhelmina", "Quackenbush", "wilhelmina.q@example.org", "555 0199", "device-8f3e2a", "account-77341");
        for (String path : List.of(
                "/v2/requests/" + id + ".json",
                "/v2/requests/" + id + ".xml",
                "/v2/requests/" + id + ".json?extensions=true",
                "/v2/requests/" + id + ".xml?extensions=true",
                "/v2/requests.json",
                "/v2/requests.xml?extensions=true",
                "/v2/requests.json?service_request_id=" + id + "&extensions=true")) {
            Http.Response response = open311.get(path);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).as(path).contains(id).doesNotContain(secrets);
        }
    }

    @Test
    void contactDetailsWrittenIntoADescriptionArePublishedMaskedAndStaffReadThem() {
        Open311Fixture open311 = new Open311Fixture(port);
        String id = open311.createRealtime(
                "description", "Mattress in the lane. Call me at 416-555-0142 or write to r.okafor@example.org");
        for (String path : List.of("/v2/requests/" + id + ".json", "/v2/requests/" + id + ".xml")) {
            assertThat(open311.get(path).body())
                    .as(path)
                    .contains("Mattress in the lane. Call me at [phone number] or write to [email address]")
                    .doesNotContain("555-0142", "r.okafor@example.org");
        }
        Http staff = Http.browser(port);
        staff.signIn("agent", "civic311-demo", null);
        assertThat(staff.get("/staff/requests/" + id).body()).contains("416-555-0142", "r.okafor@example.org");
    }

    @Test
    void abuseInALiveReportIsMaskedWhereverThePublicReadsIt() {
        Open311Fixture open311 = new Open311Fixture(port);
        String id = open311.createRealtime(
                "description", "Pothole again, you useless f*cking idiots at city hall fix it",
                "address_string", "Nathan Phillips Square");
        for (String path : List.of(
                "/open311/v2/requests/" + id + ".json",
                "/open311/v2/requests/" + id + ".xml",
                "/open311/v2/requests.json?service_request_id=" + id,
                "/requests/" + id,
                "/open-data/requests.csv?service=TSRO-ROAD-DEBRIS",
                "/open-data/requests.geojson?service=TSRO-ROAD-DEBRIS")) {
            Http.Response response = new Http(port).get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("Pothole again").doesNotContain("f*cking", "idiots");
        }
        Http staff = Http.browser(port);
        staff.signIn("agent", "civic311-demo", null);
        assertThat(staff.get("/staff/requests/" + id).body())
                .as("staff are told it is abuse, and read the problem without the words")
                .contains("abuse-guidance", "Pothole again")
                .doesNotContain("idiots");
    }

    @Test
    void anEmergencyPostedByAClientIsRefusedWithTheGuidanceToCall911AndNothingIsFiled() {
        Open311Fixture open311 = new Open311Fixture(port);
        String words = "Live wire down across the sidewalk on Bay St, sparking near the bus stop " + System.nanoTime();
        Http.Response refused = open311.postPothole("json", "description", words);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"code\":911", "911");
        assertThat(open311.get("/v2/requests.json?status=open,closed").body()).doesNotContain(words);
        Http.Response asXml = open311.postPothole("xml", "description", words);
        assertThat(asXml.status()).isEqualTo(400);
        assertThat(asXml.body()).contains("<code>911</code>");
    }

    @Test
    void aReportTakenForAnEmergencyIsFiledWhenTheClientSendsItAgainOnThePersonsWordThatItIsNotOne() {
        Open311Fixture open311 = new Open311Fixture(port);
        String words = "A raccoon trapped in the green bin on Bay St, it cannot climb out " + System.nanoTime();
        Http.Response refused = open311.postPothole("json", "description", words);
        assertThat(refused.body()).as("taken for an emergency first").contains("\"code\":911");

        Http.Response filed = open311.postPothole("json", "description", words, "not_an_emergency", "true");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.body()).as("filed: a pothole is answered with a token").contains("\"token\"");
        assertThat(open311.postPothole("json", "description", words, "not_an_emergency", "perhaps")
                        .body())
                .contains("not_an_emergency must be true or false");
    }

    @Test
    void aReporterWhoSignsTheirDescriptionIsPublishedWithoutTheirNameAndStaffReadIt() {
        Open311Fixture open311 = new Open311Fixture(port);
        String id = open311.createRealtime(
                "first_name", "Zebulon",
                "last_name", "Quartermaine",
                "description", "Zebulon Quartermaine here: mattress dumped in the lane again. Thanks, Zebulon");
        for (String path : List.of("/v2/requests/" + id + ".json", "/v2/requests/" + id + ".xml")) {
            assertThat(open311.get(path).body())
                    .as(path)
                    .contains("[name] here: mattress dumped in the lane again. Thanks, [name]")
                    .doesNotContain("Zebulon", "Quartermaine");
        }
        Http staff = Http.browser(port);
        staff.signIn("agent", "civic311-demo", null);
        assertThat(staff.get("/staff/requests/" + id).body()).contains("Zebulon Quartermaine here");
    }
}
