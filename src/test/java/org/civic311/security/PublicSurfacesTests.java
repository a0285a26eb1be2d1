package org.civic311.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.WebhookSignatures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a resident gives to be reached never appears on any public surface, and what anyone sends is shown escaped in
 * every view. The public surfaces are every route anyone may read (the rules of {@link EveryRouteTests}), so a new
 * public page is checked without being added here.
 */
@Civic311Test
class PublicSurfacesTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SCRIPT = "<script>alert('c311')</script>";
    static final String IMAGE = "<img src=x onerror=alert('c311')>";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    JdbcClient jdbc;

    @Test
    void noPublicSurfaceShowsAReportersNameAddressNumberDeviceOrAccount() {
        Http.Response created = reportDebris(List.of(
                Map.entry("first_name", "Zebulon"),
                Map.entry("last_name", "Quartermaine"),
                Map.entry("email", "zebulon.quartermaine@example.org"),
                Map.entry("phone", "416-555-0177"),
                Map.entry("device_id", "device-zq-4471"),
                Map.entry("account_id", "account-zq-4471"),
                Map.entry("description", "A mattress in the curb lane")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id =
                JSON.readTree(created.body()).get(0).get("service_request_id").asString();
        List<String> secrets =
                List.of("zebulon", "quartermaine", "416-555-0177", "4165550177", "device-zq-4471", "account-zq-4471");

        int read = 0;
        for (String path : surfaces(id, "TSRO-ROAD-DEBRIS")) {
            Http.Response page = new Http(port).get(path);
            String body = page.body().toLowerCase(Locale.ROOT);
            for (String secret : secrets) {
                assertThat(body).as("%s shows %s", path, secret).doesNotContain(secret);
            }
            read += page.status() == 200 ? 1 : 0;
        }
        assertThat(read).as("the surfaces were read, not refused").isGreaterThan(15);
    }

    @Test
    void markupSentThroughEveryChannelIsShownEscapedInEveryView() {
        // By Open311, in the fields that take any text; by text message; by the residents' form.
        Http.Response created = reportDebris(
                List.of(Map.entry("first_name", IMAGE), Map.entry("address_string", "100 Queen St W " + SCRIPT)));
        assertThat(created.status()).as(created.body()).isIn(200, 400);
        Map<String, String> text = new LinkedHashMap<>();
        text.put("MessageSid", "SMmarkup000000000000000000000001");
        text.put("AccountSid", "AC00000000000000000000000000000311");
        text.put("From", "+14165550188");
        text.put("To", "+14165550311");
        text.put("Body", "Pothole here " + SCRIPT + " " + IMAGE);
        assertThat(new Http(port)
                        .header(
                                "X-Twilio-Signature",
                                WebhookSignatures.twilio(
                                        "test-auth-token", "http://localhost:" + port + "/webhooks/sms", text))
                        .postForm("/webhooks/sms", new ArrayList<>(text.entrySet()))
                        .status())
                .isEqualTo(200);
        // By X, in the words and in the name.
        String mention =
                """
                {"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Wed Nov 18 23:05:12 +0000 2026",
                 "id_str":"1861000000000000777","text":"@City311 bins again %s","in_reply_to_status_id_str":null,
                 "user":{"id_str":"178900777","name":"Ravi %s","screen_name":"ravi_markup"}}]}"""
                        .formatted(SCRIPT, IMAGE);
        assertThat(new Http(port)
                        .header(
                                "x-twitter-webhooks-signature",
                                WebhookSignatures.x(
                                        "test-consumer-secret",
                                        mention.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .postJson("/webhooks/x", mention)
                        .status())
                .isEqualTo(200);
        long onX = jdbc.sql(
                        "select conversation_id from conversation_message where external_id = '1861000000000000777'")
                .query(Long.class)
                .single();
        long conversation = jdbc.sql(
                        "select conversation_id from conversation_message where external_id = 'SMmarkup000000000000000000000001'")
                .query(Long.class)
                .single();

        List<String> views = new ArrayList<>();
        Http agent = Http.browser(port);
        agent.signIn("supervisor", "civic311-demo", null);
        views.add(agent.get("/staff/inbox").body());
        views.add(agent.get("/staff/inbox/" + conversation).body());
        views.add(agent.get("/staff/inbox/" + onX).body());
        if (created.status() == 200) {
            String id = JSON.readTree(created.body())
                    .get(0)
                    .get("service_request_id")
                    .asString();
            views.add(agent.get("/staff/requests/" + id).body());
            for (String path : surfaces(id, "TSRO-ROAD-DEBRIS")) {
                Http.Response page = new Http(port).get(path);
                if (page.contentType().contains("html") || page.contentType().contains("xml")) {
                    views.add(page.body());
                }
            }
        }

        assertThat(String.join("\n", views))
                .doesNotContain(SCRIPT)
                .doesNotContain(IMAGE)
                .contains("&lt;script&gt;");
    }

    @Test
    void aHomesExactPlaceAndUnitAreNeverPublicAndItIsNotFoundByPlace() {
        Http.Response created = new Http(port)
                .postForm(
                        "/open311/v2/requests.json",
                        List.of(
                                Map.entry("api_key", "demo-key"),
                                Map.entry("service_code", "MLS-INADEQUATE-HEAT"),
                                Map.entry("lat", "43.65432"),
                                Map.entry("long", "-79.39712"),
                                Map.entry("address_string", "123 Lisgar St"),
                                Map.entry(
                                        "description",
                                        "No heat since Monday at 123 lisgar, apt 1204; the landlord at"
                                                + " 40 Bay Street West says wait. Thermostat reads 15."),
                                Map.entry("email", "cold.tenant@example.org"),
                                Map.entry("attribute[TEMPERATURE_C]", "15"),
                                Map.entry("attribute[UNIT_NUMBER]", "Unit 1204"),
                                Map.entry("attribute[LANDLORD_TOLD]", "YES")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = JSON.readTree(created.body()).get(0).get("token").asString();
        String id = JSON.readTree(new Http(port)
                        .get("/open311/v2/tokens/" + token + ".json")
                        .body())
                .get(0)
                .get("service_request_id")
                .asString();

        for (String path : surfaces(id, "MLS-INADEQUATE-HEAT")) {
            String body = new Http(port).get(path).body();
            assertThat(body)
                    .as(path)
                    .doesNotContain("123 Lisgar")
                    .doesNotContain("43.6543")
                    .doesNotContain("-79.3971")
                    // The unit as given: "1204" alone turns up by chance in a timestamp's microseconds.
                    .doesNotContain("Unit 1204")
                    .doesNotContainIgnoringCase("lisgar,")
                    .doesNotContain("apt 1204")
                    .doesNotContain("40 Bay");
        }
        var shown = JSON.readTree(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json")
                        .body())
                .get(0);
        assertThat(shown.get("address").asString()).isEqualTo("Lisgar St");
        assertThat(shown.get("description").asString())
                .as("what is wrong, never at which door")
                .isEqualTo("No heat since Monday at [address], [unit]; the landlord at [address] says wait."
                        + " Thermostat reads 15.");
        assertThat(shown.get("lat").asDouble()).isCloseTo(43.65432, org.assertj.core.data.Offset.offset(0.0025));
        String today =
                java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto")).toString();
        var feature = java.util.stream.StreamSupport.stream(
                        JSON.readTree(new Http(port)
                                        .get("/open-data/requests.geojson?service=MLS-INADEQUATE-HEAT&from=" + today
                                                + "&to=" + today)
                                        .body())
                                .get("features")
                                .spliterator(),
                        false)
                .filter(f -> f.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(feature.get("properties").get("location_approximate").asBoolean())
                .as("open data says the point is an area's middle, not to be plotted as the place")
                .isTrue();
        assertThat(new Http(port)
                        .get(
                                "/open311/v2/requests.json?service_code=MLS-INADEQUATE-HEAT&lat=43.65432&long=-79.39712&radius=50")
                        .body())
                .as("a search by place would tell where it is")
                .doesNotContain(id);
        assertThat(new Http(port)
                        .get("/open311/v2/requests.json?service_code=MLS-INADEQUATE-HEAT")
                        .body())
                .contains(id);
        assertThat(new Http(port)
                        .as("agent", "civic311-demo")
                        .get("/api/v1/requests/" + id)
                        .body())
                .as("staff keep the exact place")
                .contains("123 Lisgar St");
    }

    @Test
    void aPlaceStaffMarkPrivateIsShownOnlyAsItsAreaUntilTheyMarkItPublicAgain() {
        Http.Response created = reportDebris(List.of(
                Map.entry("lat", "43.67891"),
                Map.entry("long", "-79.35678"),
                Map.entry("address_string", "87 Wrenfield Cres")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id =
                JSON.readTree(created.body()).get(0).get("service_request_id").asString();
        Http supervisor = new Http(port).as("supervisor", "civic311-demo");
        String byPlace = "/open311/v2/requests.json?lat=43.67891&long=-79.35678&radius=100";
        assertThat(new Http(port).get(byPlace).body()).contains(id);
        // Written while the place was public, which it was right to name then.
        Http.Response noted = supervisor.postJson(
                "/api/v1/requests/" + id + "/notes",
                "{\"text\":\"A crew comes to 87 Wrenfield Cres, unit 2 on Tuesday.\",\"isPublic\":true}");
        assertThat(noted.status()).as(noted.body()).isEqualTo(200);

        Http.Response marked = supervisor.postJson("/api/v1/requests/" + id + "/place", "{\"placePrivate\":true}");

        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        for (String path : surfaces(id, "TSRO-ROAD-DEBRIS")) {
            assertThat(new Http(port).get(path).body())
                    .as(path)
                    .doesNotContain("87 Wrenfield")
                    .doesNotContain("43.6789")
                    .doesNotContain("-79.3567");
        }
        assertThat(new Http(port).get(byPlace).body()).doesNotContain(id);
        assertThat(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json?extensions=true")
                        .body())
                .as("the note says when, no longer at which door")
                .contains("A crew comes to [address], [unit] on Tuesday.");
        assertThat(supervisor.get("/api/v1/requests/" + id).body()).contains("87 Wrenfield Cres");
        assertThat(supervisor
                        .postJson("/api/v1/requests/" + id + "/place", "{}")
                        .status())
                .isEqualTo(400);

        supervisor.postJson("/api/v1/requests/" + id + "/place", "{\"placePrivate\":false}");

        assertThat(new Http(port).get(byPlace).body()).contains(id);
    }

    /**
     * A road debris report at City Hall (a realtime type: its number comes back at once), with these fields added or
     * put in place of the usual ones.
     */
    private Http.Response reportDebris(List<Map.Entry<String, String>> more) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", "demo-key");
        form.put("service_code", "TSRO-ROAD-DEBRIS");
        form.put("lat", "43.6534");
        form.put("long", "-79.3841");
        form.put("attribute[DEBRIS_TYPE]", "LARGE_OBJECT");
        form.put("attribute[BLOCKING_LANE]", "YES");
        more.forEach(field -> form.put(field.getKey(), field.getValue()));
        return new Http(port).postForm("/open311/v2/requests.json", new ArrayList<>(form.entrySet()));
    }

    /** Every public read, with this request's number, its type, and the variants that show the most. */
    private static List<String> surfaces(String id, String serviceCode) {
        List<String> paths = new ArrayList<>();
        for (String route : EveryRouteTests.publicReads()) {
            // The wards' outlines are the city's, and pass through every number of a ward's area.
            if (route.startsWith("/actuator")
                    || route.startsWith("/v3/")
                    || route.startsWith("/webhooks")
                    || route.equals("/open-data/wards.geojson")) {
                continue;
            }
            String path = route.replace("{publicId}", id)
                    .replace("{id}", id)
                    .replace("{code}", serviceCode)
                    .replace("{token}", "no-such-token")
                    .replace("{name}", "00000000000000000000000000000000.jpg")
                    .replace("/**", "");
            if (path.contains("{format}")) {
                paths.add(path.replace("{format}", "json") + "?extensions=true&jurisdiction_id=toronto.ca");
                paths.add(path.replace("{format}", "xml") + "?extensions=true");
            } else {
                paths.add(path);
            }
        }
        paths.add("/report/" + serviceCode + "/nearby?lat=43.6534&long=-79.3841");
        paths.add("/open-data/requests.csv?service=" + serviceCode);
        return paths;
    }
}
