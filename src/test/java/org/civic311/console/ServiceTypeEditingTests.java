package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators add and change the city's types of problem in the console: a new type takes reports and triage
 * suggests it at once, a new target holds for the next request, a retired type takes none, every change is recorded
 * with who made it, and bad input is refused by name.
 */
@Civic311Test
class ServiceTypeEditingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    Http admin() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        return admin;
    }

    /** The form of a new type, with some fields put in place of the usual ones. */
    static Map<String, String> form(String code, String... more) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("name", "Community mural damaged");
        fields.put("group", "Parks");
        fields.put("description", "Paint, tags or damage on a mural the city looks after.");
        fields.put("keywords", "mural, public art");
        fields.put("department", "PFR");
        fields.put("targetAmount", "3");
        fields.put("targetUnit", "BUSINESS_DAYS");
        fields.put("notice", "");
        fields.put("duplicateRadius", "50");
        fields.put("repeatThreshold", "3");
        fields.put("repeatWindowDays", "60");
        fields.put("repeatRadius", "15");
        fields.put("delivery", "REALTIME");
        fields.put("active", "true");
        fields.put("anonymousAllowed", "true");
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                fields.remove(more[i]);
            } else {
                fields.put(more[i], more[i + 1]);
            }
        }
        return fields;
    }

    static Http.Response post(Http desk, String path, Map<String, String> fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>(fields.entrySet());
        form.add(Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postForm(path, form);
    }

    Http.Response report(String code) {
        return new Http(port)
                .postForm(
                        "/open311/v2/requests.json",
                        List.of(
                                Map.entry("api_key", "demo-key"),
                                Map.entry("service_code", code),
                                Map.entry("lat", "43.66112"),
                                Map.entry("long", "-79.40321"),
                                Map.entry("description", "Someone sprayed tags over the mural by the library"),
                                Map.entry("email", "resident@example.org")));
    }

    @Test
    void aNewTypesKeywordsOnlyEverHelpTriageFindItAndPluralsCount() {
        Http admin = admin();
        // A type with many keywords, and one with few: the words a resident uses decide, not how many a type has.
        post(
                admin,
                "/staff/admin/catalogue/types",
                form(
                        "PFR-PATH-HOLE",
                        "name",
                        "Trail pothole",
                        "description",
                        "A hole in the asphalt of a park trail.",
                        "keywords",
                        "pothole, crater, sinkhole, asphalt, patch, rut"));
        post(
                admin,
                "/staff/admin/catalogue/types",
                form(
                        "PFR-PATH-LIGHT",
                        "name",
                        "Trail light out",
                        "description",
                        "A light along a park trail is out.",
                        "keywords",
                        "lamp"));

        Http.Response triage =
                new Http(port).postJson("/api/v1/triage", "{\"text\":\"two deep potholes on the ravine trail\"}");

        assertThat(triage.status()).as(triage.body()).isEqualTo(200);
        List<String> suggested = new ArrayList<>();
        JSON.readTree(triage.body())
                .get("suggestions")
                .forEach(s -> suggested.add(s.get("serviceCode").asString()));
        assertThat(suggested).contains("PFR-PATH-HOLE");
        if (suggested.contains("PFR-PATH-LIGHT")) {
            assertThat(suggested.indexOf("PFR-PATH-HOLE")).isLessThan(suggested.indexOf("PFR-PATH-LIGHT"));
        }
    }

    @Test
    void aTypeOnlyStaffFileIsOfferedToNoResidentButTakesStaffsRequests() {
        Http admin = admin();
        assertThat(post(
                                admin,
                                "/staff/admin/catalogue/types",
                                form(
                                        "PFR-CREW-ORDER",
                                        "name",
                                        "Crew work order: bench repair",
                                        "keywords",
                                        "bench, slats, crew order",
                                        "staffOnly",
                                        "true"))
                        .status())
                .isEqualTo(302);
        assertThat(admin.get("/staff/catalogue").body()).contains("Crew work order: bench repair", "Staff only");

        Http resident = new Http(port);
        assertThat(resident.get("/open311/v2/services.json").body()).doesNotContain("PFR-CREW-ORDER");
        assertThat(resident.get("/open311/v2/services/PFR-CREW-ORDER.json").status())
                .as("nor its definition")
                .isEqualTo(404);
        Http.Response posted = resident.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "PFR-CREW-ORDER"),
                        Map.entry("lat", "43.6534"),
                        Map.entry("long", "-79.3841")));
        assertThat(posted.status()).as("not found, as its definition is not").isEqualTo(404);
        assertThat(posted.body()).contains("service_code 'PFR-CREW-ORDER' was not found");
        assertThat(resident.get("/report/PFR-CREW-ORDER").status()).isEqualTo(404);
        assertThat(resident.get("/report").body()).doesNotContain("Crew work order");
        assertThat(resident.postJson("/api/v1/triage", "{\"text\":\"crew order: the bench slats are broken\"}")
                        .body())
                .doesNotContain("PFR-CREW-ORDER");

        // Staff file it as any other, and the request is as public as any other.
        String filed = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "PFR-CREW-ORDER",
                        new org.civic311.requests.Location(43.6534, -79.3841, "Nathan Phillips Square", null, null),
                        "Three slats broken on the bench by the rink",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.PHONE,
                        null))
                .publicId();
        assertThat(resident.get("/open311/v2/requests/" + filed + ".json").status())
                .isEqualTo(200);
    }

    @Test
    void aTypeWhosePhotosStaffSeeFirstKeepsResidentsPhotosOutOfPublicViewUntilShown() {
        Http admin = admin();
        assertThat(post(
                                admin,
                                "/staff/admin/catalogue/types",
                                form(
                                        "PFR-CAMP-REVIEW",
                                        "name",
                                        "Encampment in a park",
                                        "keywords",
                                        "tent, encampment",
                                        "photosReviewed",
                                        "true"))
                        .status())
                .isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-CAMP-REVIEW").body())
                .contains("name=\"photosReviewed\" value=\"true\" checked");

        String filed = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "PFR-CAMP-REVIEW",
                        new org.civic311.requests.Location(43.6534, -79.3841, "Nathan Phillips Square", null, null),
                        "Two tents by the rink",
                        Map.of(),
                        java.util.List.of(),
                        List.of(new org.civic311.requests.Upload("media", org.civic311.support.Images.png(16, 16))),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();

        var request = requests.find("toronto.ca", filed).orElseThrow();
        assertThat(request.hiddenMediaUrls()).containsExactlyElementsOf(request.mediaUrls());
        assertThat(new Http(port).get("/report/PFR-CAMP-REVIEW").body())
                .as("the form says so")
                .contains("your photos are seen by the city&#39;s staff first");
        assertThat(new Http(port).get("/open311/v2/requests/" + filed + ".json").body())
                .as("its place is public, its photo is not yet")
                .contains("Nathan Phillips Square")
                .doesNotContain(request.mediaUrls().getFirst());
    }

    @Test
    void aNewTypeTakesReportsAndIsSuggestedByTriageAtOnce() {
        Http admin = admin();
        assertThat(admin.get("/staff/admin/catalogue/types/new").body()).contains("New type of problem");

        // Its own words, which no other type of these tests has: triage finds it by them.
        Http.Response added = post(
                admin,
                "/staff/admin/catalogue/types",
                form("PFR-MURAL-A", "name", "Damaged community mural", "keywords", "mural, fresco"));

        assertThat(added.status()).as(added.body()).isEqualTo(302);
        assertThat(added.headers().firstValue("Location").orElseThrow())
                .endsWith("/staff/admin/catalogue/types/PFR-MURAL-A");
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-MURAL-A").body())
                .contains("Added.", "admin", "added, due within 3 business days");
        assertThat(new Http(port).get("/open311/v2/services.json").body()).contains("PFR-MURAL-A");
        assertThat(admin.get("/staff/catalogue").body()).contains("Damaged community mural", "PFR-MURAL-A");

        Http.Response reported = report("PFR-MURAL-A");
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);

        Http.Response triage = new Http(port)
                .postJson("/api/v1/triage", "{\"text\":\"the fresco mural on the library wall was damaged\"}");
        assertThat(triage.status()).as(triage.body()).isEqualTo(200);
        List<String> suggested = new ArrayList<>();
        JSON.readTree(triage.body())
                .get("suggestions")
                .forEach(s -> suggested.add(s.get("serviceCode").asString()));
        assertThat(suggested).contains("PFR-MURAL-A");

        Http.Response again = post(admin, "/staff/admin/catalogue/types", form("PFR-MURAL-A", "name", "Another"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already a service type");
        assertThat(new Http(port).get("/open311/v2/services/PFR-MURAL-A.json").status())
                .isEqualTo(200);
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-MURAL-A").body())
                .contains("Damaged community mural")
                .doesNotContain("Another");
    }

    @Test
    void aNewTargetHoldsForTheNextRequestAndARetiredTypeTakesNoneAndBothAreRecorded() {
        Http admin = admin();
        assertThat(post(admin, "/staff/admin/catalogue/types", form("PFR-MURAL-B"))
                        .status())
                .isEqualTo(302);

        Http.Response changed = post(
                admin,
                "/staff/admin/catalogue/types/PFR-MURAL-B",
                form("IGNORED", "targetAmount", "6", "targetUnit", "HOURS"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-MURAL-B").body())
                .as("the code of an existing type never changes")
                .contains("due within 3 business days → 6 hours");
        JsonNode request = created(report("PFR-MURAL-B"));
        assertThat(Duration.between(
                        OffsetDateTime.parse(request.get("requested_datetime").asString()),
                        OffsetDateTime.parse(request.get("expected_datetime").asString())))
                .isEqualTo(Duration.ofHours(6));

        Http.Response retired = post(
                admin,
                "/staff/admin/catalogue/types/PFR-MURAL-B",
                form("PFR-MURAL-B", "targetAmount", "6", "targetUnit", "HOURS", "active", null));

        assertThat(retired.status()).isEqualTo(302);
        Http.Response refused = report("PFR-MURAL-B");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("retired");
        assertThat(new Http(port).get("/open311/v2/services.json").body()).doesNotContain("PFR-MURAL-B");
        assertThat(admin.get("/staff/admin/catalogue/types/PFR-MURAL-B").body()).contains("retired");
        assertThat(admin.get("/staff/catalogue").body()).contains("PFR-MURAL-B", "retired");
    }

    @Test
    void aTypeMadePrivateIsNotFoundByPlaceEvenWhereTheCatalogueInMemoryIsBehind() {
        Http admin = admin();
        assertThat(post(admin, "/staff/admin/catalogue/types", form("PFR-MURAL-P"))
                        .status())
                .isEqualTo(302);
        String id = created(report("PFR-MURAL-P")).get("service_request_id").asString();
        String byPlace = "/open311/v2/requests.json?service_code=PFR-MURAL-P&lat=43.66112&long=-79.40321&radius=50";
        assertThat(new Http(port).get(byPlace).body()).contains(id);

        // As another instance would: the table changes, this instance's catalogue still holds the type as public.
        jdbc.sql("update service_type set private_location = true where code = 'PFR-MURAL-P'")
                .update();

        assertThat(new Http(port).get(byPlace).body()).doesNotContain(id);
    }

    @Test
    void aTypeMadePrivateHidesThePhotosItPublishedAndMadePublicAgainKeepsTheHomesReportedMeanwhilePrivate() {
        Http admin = admin();
        String type = "/staff/admin/catalogue/types/PFR-MURAL-H";
        assertThat(post(admin, "/staff/admin/catalogue/types", form("PFR-MURAL-H"))
                        .status())
                .isEqualTo(302);
        Http.Response withPhoto = new Http(port)
                .postForm(
                        "/open311/v2/requests.json",
                        List.of(
                                Map.entry("api_key", "demo-key"),
                                Map.entry("service_code", "PFR-MURAL-H"),
                                Map.entry("lat", "43.66112"),
                                Map.entry("long", "-79.40321"),
                                Map.entry("description", "Tags over the mural"),
                                Map.entry("media_url", "https://photos.example.org/mural-h.jpg")));
        String shown = created(withPhoto).get("service_request_id").asString();
        assertThat(created(withPhoto).get("media_url").asString()).isEqualTo("https://photos.example.org/mural-h.jpg");

        assertThat(post(admin, type, form("PFR-MURAL-H", "privateLocation", "on"))
                        .status())
                .isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(new Http(port)
                        .get("/open311/v2/requests/" + shown + ".json")
                        .body())
                .as("a photo of what is now someone's home leaves public view")
                .doesNotContain("mural-h.jpg"));
        JsonNode meanwhile = created(report("PFR-MURAL-H"));
        assertThat(meanwhile.get("lat").asDouble()).isNotEqualTo(43.66112);

        assertThat(post(admin, type, form("PFR-MURAL-H")).status()).isEqualTo(302);

        JsonNode after = JSON.readTree(new Http(port)
                        .get("/open311/v2/requests/"
                                + meanwhile.get("service_request_id").asString() + ".json")
                        .body())
                .get(0);
        assertThat(after.get("lat").asDouble())
                .as("reported as someone's home, it stays private")
                .isEqualTo(meanwhile.get("lat").asDouble())
                .isNotEqualTo(43.66112);
    }

    @Test
    void badInputIsRefusedByNameAndOnlyAdministratorsMayChangeTheCatalogue() {
        Http admin = admin();
        Map<String, Map<String, String>> refusals = Map.of(
                "Code must be 1 to 64 letters", form("has spaces"),
                "Due within must be a whole number", form("PFR-MURAL-C", "targetAmount", "soon"),
                "Department “NOPE” is not a department", form("PFR-MURAL-C", "department", "NOPE"),
                "Department is required", form("PFR-MURAL-C", "department", ""),
                "Name is required", form("PFR-MURAL-C", "name", "  "),
                "The unit of the target must be one of", form("PFR-MURAL-C", "targetUnit", "WEEKS"),
                "The reports that make a repeat problem must be from 2", form("PFR-MURAL-C", "repeatThreshold", "1"),
                "Keywords must be plain text", form("PFR-MURAL-C", "keywords", "mural, <b>art</b>"),
                "Keywords must be plain text, without markup",
                        form("PFR-MURAL-C", "keywords", "<img src=x onerror=alert(1)//, x>"));
        refusals.forEach((refusal, fields) -> {
            Http.Response refused = post(admin, "/staff/admin/catalogue/types", fields);
            assertThat(refused.status()).as(refusal).isEqualTo(400);
            assertThat(refused.body()).as(refusal).contains(refusal);
        });
        assertThat(new Http(port).get("/open311/v2/services/PFR-MURAL-C.json").status())
                .isEqualTo(404);
        assertThat(admin.get("/staff/admin/catalogue/types/NO-SUCH-TYPE").status())
                .isEqualTo(404);

        Http.Response markup =
                post(admin, "/staff/admin/catalogue/types", form("PFR-MURAL-D", "name", "<script>alert(1)</script>"));
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.body())
                .contains("Name must be plain text")
                .as("the refused form is shown again as typed, escaped")
                .doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;");

        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get("/staff/admin/catalogue/types/new").status()).isEqualTo(403);
        assertThat(post(agent, "/staff/admin/catalogue/types", form("PFR-MURAL-E"))
                        .status())
                .isEqualTo(403);
        assertThat(agent.get("/staff/catalogue").body()).doesNotContain("Add a type of problem");
    }

    private JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id =
                JSON.readTree(response.body()).get(0).get("service_request_id").asString();
        return JSON.readTree(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json")
                        .body())
                .get(0);
    }
}
