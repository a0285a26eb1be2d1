package org.civic311.console;

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

/** The staff API through HTTP, signed in as the demo staff. */
@Civic311Test
class StaffApiTests {

    static final String PASSWORD = "civic311-demo";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http anonymous;
    Http swm;
    Http roads;
    Http agent;

    @BeforeEach
    void clients() {
        anonymous = new Http(port);
        swm = anonymous.as("swm", PASSWORD);
        roads = anonymous.as("roads", PASSWORD);
        agent = anonymous.as("agent", PASSWORD);
    }

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Test
    void anotherDepartmentsStaffReadNearbyDuplicatesWithoutWhatTheirReportersWroteOfThemselves() {
        String first = dumpedNearCanyon("A white van, the driver is my neighbour, call me at 416-555-0199");
        String second = dumpedNearCanyon("Saw nothing");
        String read =
                roads.get("/api/v1/requests/" + second + "/possible-duplicates").body();
        assertThat(read).contains(first, "[phone number]").doesNotContain("555-0199");
        assertThat(swm.get("/api/v1/requests/" + second + "/possible-duplicates")
                        .body())
                .as("the queue's own staff read the answer whole")
                .contains("555-0199");
    }

    @Test
    void aCrewAddsAPhotoThroughTheApiForStaffOrThePublicAndOnlyToItsOwnQueuesRequests() {
        String id = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, crew photo before cleaning");
        Http.Response added = swm.postMultipart(
                "/api/v1/requests/" + id + "/photos",
                List.of(Map.entry("shown", "true")),
                List.of(Map.entry("photo", org.civic311.support.Images.png(16, 16))));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).get("request").get("mediaUrls").size())
                .isEqualTo(1);
        assertThat(roads.postMultipart(
                                "/api/v1/requests/" + id + "/photos",
                                List.of(),
                                List.of(Map.entry("photo", org.civic311.support.Images.png(16, 16))))
                        .status())
                .as("another department's request")
                .isEqualTo(403);
        Http.Response none = swm.postMultipart(
                "/api/v1/requests/" + id + "/photos", List.of(Map.entry("shown", "false")), List.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("photo is required");
    }

    @Autowired
    org.civic311.catalog.Catalog catalog;

    @Test
    void aDueDayIsMovedThroughTheApiToAWorkingDayAheadAndOtherwiseRefusedByName() {
        String id = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, cleaning booked with the owner");
        var toronto = catalog.resolveJurisdiction("toronto.ca");
        java.time.LocalDate day = java.time.LocalDate.now(toronto.timeZone()).plusWeeks(2);
        while (!toronto.calendar().isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        Http.Response moved = swm.postJson(
                "/api/v1/requests/" + id + "/due", "{\"due\":\"" + day + "\",\"reason\":\"Booked with the owner\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).get("request").get("expectedAt").asString())
                .startsWith(day.toString());
        Http.Response past =
                swm.postJson("/api/v1/requests/" + id + "/due", "{\"due\":\"2020-01-06\",\"reason\":\"Oops\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("\"field\":\"due\"");
        assertThat(swm.postJson("/api/v1/requests/" + id + "/due", "{\"due\":\"next week\",\"reason\":\"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(roads.postJson(
                                "/api/v1/requests/" + id + "/due",
                                "{\"due\":\"" + day + "\",\"reason\":\"Not ours to move\"}")
                        .status())
                .isEqualTo(403);
    }

    /** Dumping at a corner no other test reports at, so that its nearby list is its own, with what a witness said. */
    private String dumpedNearCanyon(String witness) {
        return requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWM-ILLEGAL-DUMPING",
                        new org.civic311.requests.Location(43.7585097, -79.4367503, null, null, null),
                        "Furniture dumped on the boulevard",
                        Map.of("MATERIAL", List.of("FURNITURE"), "WITNESS_DETAILS", List.of(witness)),
                        List.of(),
                        List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
    }

    /** A missed green bin report at an address of its own, by a named resident who gave an email. */
    String greenBinReport(String address) {
        Http.Response created = anonymous.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWM-MISSED-GREEN-BIN"),
                        Map.entry("address_string", address),
                        Map.entry("attribute[COLLECTION_DATE]", "2026-11-17T07:00"),
                        Map.entry("attribute[SET_OUT_TIME]", first("SWM-MISSED-GREEN-BIN", "SET_OUT_TIME")),
                        Map.entry("first_name", "Amara"),
                        Map.entry("email", "amara@example.org"),
                        Map.entry("description", "Green bin not collected")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = json(created).get(0).get("token").asString();
        String id = json(anonymous.get("/open311/v2/tokens/" + token + ".json"))
                .get(0)
                .get("service_request_id")
                .asString();
        // Amara confirms the address she typed, from the acknowledgement: she follows her report.
        jdbc.sql(
                        """
                        update request_follower f set confirmed_at = now() from service_request r
                        where r.id = f.request_id and r.public_id = :id and f.confirmed_at is null""")
                .param("id", id)
                .update();
        return id;
    }

    private String first(String service, String attribute) {
        JsonNode definition = json(anonymous.get("/open311/v2/services/" + service + ".json"));
        for (JsonNode a : definition.get("attributes")) {
            if (a.get("code").asString().equals(attribute)) {
                return a.get("values").get(0).get("key").asString();
            }
        }
        throw new AssertionError("no attribute " + attribute);
    }

    static JsonNode json(Http.Response response) {
        return JSON.readTree(response.body());
    }

    static String body(Object... nameValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put((String) nameValues[i], nameValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    @Test
    void everyCallNeedsASignedInStaffMember() {
        assertThat(anonymous.get("/api/v1/queues/SWM").status()).isEqualTo(401);
        assertThat(anonymous
                        .as("swm", "wrong password")
                        .get("/api/v1/queues/SWM")
                        .status())
                .isEqualTo(401);
        assertThat(swm.get("/api/v1/queues/SWM").status()).isEqualTo(200);
    }

    @Test
    void theFullRecordShowsTheReporterAndTheInternalHistory() {
        String id = greenBinReport("12 Birch Ave, Toronto");
        JsonNode record = json(swm.get("/api/v1/requests/" + id));
        assertThat(record.get("reporter").get("email").asString()).isEqualTo("amara@example.org");
        assertThat(record.get("request").get("departmentCode").asString()).isEqualTo("SWM");
        assertThat(record.get("notes").get(0).get("kind").asString()).isEqualTo("submitted");
        assertThat(record.get("audit").get(0).get("action").asString()).isEqualTo("submitted");
        assertThat(record.get("followers").get(0).get("address").asString()).isEqualTo("amara@example.org");
    }

    @Test
    void aRequestIsTakenWorkedAndClosedWithAResolution() {
        String id = greenBinReport("14 Birch Ave, Toronto");
        assertThat(swm.postJson("/api/v1/requests/" + id + "/assignment", body("assignee", "Crew 12"))
                        .status())
                .isEqualTo(200);
        Http.Response working = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body(
                        "status",
                        "in_progress",
                        "publicNote",
                        "A truck will come by tomorrow morning.",
                        "internalNote",
                        "Route 4 missed the street"));
        assertThat(working.status()).as(working.body()).isEqualTo(200);
        JsonNode open311 =
                json(anonymous.get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(open311.get("status_notes").asString()).isEqualTo("A truck will come by tomorrow morning.");
        assertThat(anonymous
                        .get("/open311/v2/requests/" + id + ".json?extensions=true")
                        .body())
                .doesNotContain("Route 4 missed the street");

        Http.Response withoutResolution = swm.postJson(
                "/api/v1/requests/" + id + "/transitions", body("status", "completed", "publicNote", "Collected."));
        assertThat(withoutResolution.status()).isEqualTo(400);
        assertThat(json(withoutResolution).get("field").asString()).isEqualTo("resolution");
        // A ready answer sent before its reason was written after it: the resident would be told nothing.
        Http.Response unfinished = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body(
                        "status",
                        "completed",
                        "publicNote",
                        "We inspected the location and found that no work is needed. Here is why: ",
                        "resolution",
                        "NO_ACTION_NEEDED"));
        assertThat(unfinished.status()).isEqualTo(400);
        assertThat(json(unfinished).get("field").asString()).isEqualTo("publicNote");
        assertThat(json(unfinished).get("error").asString()).contains("ends with a colon");
        // A city's ready answer with a blank to fill in, sent with the blank still in it.
        Http.Response blank = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body(
                        "status",
                        "completed",
                        "publicNote",
                        "The bin will be replaced on [date]. Thank you.",
                        "resolution",
                        "FIXED"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(json(blank).get("error").asString()).contains("still holds the blank [date] to fill in");

        Http.Response closed = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body(
                        "status",
                        "completed",
                        "publicNote",
                        "Your green bin was collected this morning.",
                        "resolution",
                        "fixed"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        JsonNode record = json(closed);
        assertThat(record.get("request").get("closed").asBoolean()).isTrue();
        assertThat(record.get("request").get("resolution").asString()).isEqualTo("FIXED");
        assertThat(record.get("request").get("assignee").asString()).isEqualTo("Crew 12");
        assertThat(record.get("audit").values())
                .extracting(a -> a.get("actor").asString() + "/"
                        + a.get("channel").asString() + "/" + a.get("action").asString())
                .contains("swm/api/assigned", "swm/api/status");
        assertThat(json(anonymous.get("/open311/v2/requests/" + id + ".json"))
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("closed");

        Http.Response again = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body("status", "completed", "publicNote", "Again", "resolution", "FIXED"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(json(again).get("error").asString()).contains("already closed");
    }

    @Test
    void departmentStaffChangeOnlyTheirOwnDepartmentsRequests() {
        String id = greenBinReport("16 Birch Ave, Toronto");
        Http.Response response =
                roads.postJson("/api/v1/requests/" + id + "/assignment", body("assignee", "Roads crew"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(roads.get("/api/v1/queues/SWM").status()).isEqualTo(403);
    }

    @Test
    void anotherDepartmentReadsThe311QueueWithoutTheNumbersResidentsWroteAndCannotFindByThem() {
        String id = greenBinReport("77 Quillfeather Row, Toronto");
        // As intake keeps a number written into a report: in the description staff work from, masked in the one the
        // public reads; and in a free-text answer as written.
        jdbc.sql(
                        """
                        update service_request set description = :d, description_public = :shown,
                            attributes = attributes || jsonb_build_object('ACCESS_NOTE', jsonb_build_array(:note),
                                'CALL_FIRST', jsonb_build_array('4165550275'))
                        where public_id = :id""")
                .param("d", "Green bin not collected again, call me at 416-555-0274")
                .param("shown", "Green bin not collected again, call me at [phone number]")
                .param("note", "side gate, text 416-555-0274 first")
                .param("id", id)
                .update();
        assertThat(swm.postJson("/api/v1/requests/" + id + "/not-ours", body("reason", "A private bin"))
                        .status())
                .isEqualTo(200);

        JsonNode listed = json(roads.get("/api/v1/queues/311?q=" + Http.encode("77 Quillfeather Row")));
        assertThat(listed.values().stream().map(r -> r.get("publicId").asString()))
                .contains(id);
        assertThat(listed.toString())
                .doesNotContain("416-555-0274", "4165550275")
                .contains("Green bin not collected again");
        assertThat(ids(roads.get("/api/v1/queues/311?q=" + Http.encode("416-555-0274"))))
                .as("nor found by the number written into it")
                .doesNotContain(id);
        assertThat(ids(agent.get("/api/v1/queues/311?q=" + Http.encode("416-555-0274"))))
                .as("311 finds it")
                .contains(id);
    }

    @Test
    void aRequestThatIsNotOursGoesBackTo311AndIsRoutedAgain() {
        String id = greenBinReport("18 Birch Ave, Toronto");
        Http.Response toTheContactCentre =
                swm.postJson("/api/v1/requests/" + id + "/transfer", body("department", "TO311", "reason", "Not bins"));
        assertThat(toTheContactCentre.status())
                .as("the contact centre's queue is worked by nobody: not ours goes back to 311")
                .isEqualTo(400);
        assertThat(json(toTheContactCentre).get("error").asString()).contains("give it back to 311");
        Http.Response transfer = swm.postJson(
                "/api/v1/requests/" + id + "/transfer", body("department", "TSRO", "reason", "Pothole, not bins"));
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        assertThat(ids(roads.get("/api/v1/queues/TSRO?serviceCode=SWM-MISSED-GREEN-BIN")))
                .contains(id);
        assertThat(json(anonymous.get("/open311/v2/requests/" + id + ".json"))
                        .get(0)
                        .get("agency_responsible")
                        .asString())
                .as("the public is told which department holds it now")
                .isEqualTo(jdbc.sql("select name from department where code = 'TSRO'")
                        .query(String.class)
                        .single());

        Http.Response notOurs = roads.postJson("/api/v1/requests/" + id + "/not-ours", body("reason", "Private lane"));
        assertThat(notOurs.status()).as(notOurs.body()).isEqualTo(200);
        assertThat(json(anonymous.get("/open311/v2/requests/" + id + ".json"))
                        .get(0)
                        .get("agency_responsible")
                        .asString())
                .as("back with 311, the type's own department answers for it, not the one that said not ours")
                .isEqualTo(jdbc.sql("select name from department where code = 'SWM'")
                        .query(String.class)
                        .single());
        assertThat(ids(agent.get("/api/v1/queues/311"))).contains(id);
        assertThat(ids(roads.get("/api/v1/queues/TSRO?serviceCode=SWM-MISSED-GREEN-BIN")))
                .doesNotContain(id);

        Http.Response back = agent.postJson(
                "/api/v1/requests/" + id + "/transfer", body("department", "SWM", "reason", "Checked with caller"));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(json(back).get("request").get("departmentCode").asString()).isEqualTo("SWM");
    }

    @Test
    void aClosedRequestThatWasNotFixedIsReopened() {
        String id = greenBinReport("20 Birch Ave, Toronto");
        swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body("status", "completed", "publicNote", "Collected.", "resolution", "FIXED"));
        Http.Response reopened = swm.postJson(
                "/api/v1/requests/" + id + "/reopen", body("publicNote", "The resident says the bin is still full."));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(json(reopened).get("request").get("closed").asBoolean()).isFalse();
        assertThat(json(reopened).get("request").get("statusCode").asString()).isEqualTo("in_progress");
    }

    @Test
    void anotherDepartmentsStaffCannotReadARequestsReporterAndNobodyReadsAFollowersSecret() {
        String id = greenBinReport("26 Birch Ave, Toronto");
        Http.Response own = swm.get("/api/v1/requests/" + id);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("amara@example.org").doesNotContain("unsubscribeToken");
        assertThat(agent.get("/api/v1/requests/" + id).status())
                .as("311 routes every request")
                .isEqualTo(200);

        Http.Response other = roads.get("/api/v1/requests/" + id);
        assertThat(other.status())
                .as("read as its page reads to them: where it is, not who reported it")
                .isEqualTo(200);
        assertThat(json(other).get("request").get("departmentCode").asString()).isEqualTo("SWM");
        assertThat(other.body()).doesNotContain("amara@example.org", "Amara");
        // On the screens, they see the request and what happened to it, not who reported it.
        Http roadsDesk = Http.browser(port);
        roadsDesk.signIn("roads", PASSWORD, null);
        Http.Response page = roadsDesk.get("/staff/requests/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Green bin not collected", "Anonymous.")
                .doesNotContain("amara@example.org", "Amara");
    }

    @Test
    void aDuplicatePassesItsFollowersToTheOriginal() {
        String original = greenBinReport("22 Birch Ave, Toronto");
        String duplicate = greenBinReport("22 Birch Avenue, Toronto");
        Http.Response followed = swm.postJson(
                "/api/v1/requests/" + duplicate + "/followers",
                body("channel", "email", "address", "neighbour@example.org"));
        assertThat(followed.status()).as(followed.body()).isEqualTo(204);
        Http.Response typo =
                swm.postJson("/api/v1/requests/" + duplicate + "/duplicate", body("parent", "1" + original));
        assertThat(typo.status())
                .as("a mistyped number is the agent's to correct")
                .isEqualTo(400);
        assertThat(typo.body()).contains("no request is numbered");
        Http.Response linked =
                swm.postJson("/api/v1/requests/" + duplicate + "/duplicate", body("parent", " #" + original + " "));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        JsonNode originalRecord = json(swm.get("/api/v1/requests/" + original));
        assertThat(originalRecord.get("followers").values())
                .extracting(f -> f.get("address").asString())
                .contains("neighbour@example.org", "amara@example.org");
        JsonNode open311 = json(anonymous.get("/open311/v2/requests/" + duplicate + ".json?extensions=true"))
                .get(0);
        assertThat(open311.get("status").asString()).isEqualTo("closed");
        assertThat(open311.get("extended_attributes").get("duplicate").asBoolean())
                .isTrue();
        assertThat(open311.get("extended_attributes")
                        .get("parent_service_request_id")
                        .asString())
                .isEqualTo(original);
    }

    @Test
    void theQueueFiltersByStatusTypeWardAndDueTime() {
        String id = greenBinReport("24 Birch Ave, Toronto");
        swm.postJson("/api/v1/requests/" + id + "/transitions", body("status", "in_progress", "publicNote", "On it"));
        assertThat(ids(swm.get("/api/v1/queues/SWM?status=in_progress&limit=500")))
                .contains(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?status=new&limit=500"))).doesNotContain(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?serviceCode=SWM-MISSED-GREEN-BIN&limit=500")))
                .contains(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?serviceCode=SWM-BIN-LEFT&limit=500")))
                .doesNotContain(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?dueBefore=2000-01-01T00:00:00Z")))
                .doesNotContain(id);
        assertThat(swm.get("/api/v1/queues/SWM?dueBefore=yesterday").status()).isEqualTo(400);
        assertThat(ids(swm.get("/api/v1/queues/SWM?dueBefore=2000-01-01"))).doesNotContain(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?status=in_progress&limit=500&dueBefore=2999-01-01")))
                .as("a day, in the city's time")
                .contains(id);
        assertThat(swm.get("/api/v1/queues/SWM?limit=0").status()).isEqualTo(400);
    }

    @Test
    void aNoteSentTwiceByOnePersonIsWrittenAndToldToFollowersOnce() {
        String id = greenBinReport("9 Quillfeather Row, Toronto");
        String note = body("status", "in_progress", "publicNote", "The crew comes back for it this afternoon.");
        assertThat(swm.postJson("/api/v1/requests/" + id + "/transitions", note).status())
                .isEqualTo(200);
        // The same form again, a retry on a bad connection: done once.
        assertThat(swm.postJson("/api/v1/requests/" + id + "/transitions", note).status())
                .isEqualTo(200);
        String internal = body("text", "Gate code is on the work order.", "isPublic", false);
        swm.postJson("/api/v1/requests/" + id + "/notes", internal);
        swm.postJson("/api/v1/requests/" + id + "/notes", internal);

        assertThat(jdbc.sql(
                                """
                                select n.text from request_note n join service_request r on r.id = n.request_id
                                where r.public_id = :id and n.author = 'swm' order by n.id""")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("The crew comes back for it this afternoon.", "Gate code is on the work order.");
        // Written again later, it is a note of its own.
        jdbc.sql(
                        """
                        update request_note set noted_at = noted_at - interval '3 minutes'
                        where request_id = (select id from service_request where public_id = :id)""")
                .param("id", id)
                .update();
        swm.postJson("/api/v1/requests/" + id + "/notes", internal);
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_note n join service_request r on r.id = n.request_id
                                where r.public_id = :id and n.text = 'Gate code is on the work order.'""")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aWorkOrderSystemReadsWhatChangedSinceItLastAskedClosedRequestsIncluded() {
        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        String id = greenBinReport("13 Quillfeather Row, Toronto");
        assertThat(swm.postJson(
                                "/api/v1/requests/" + id + "/transitions",
                                body("status", "completed", "publicNote", "Collected.", "resolution", "FIXED"))
                        .status())
                .isEqualTo(200);

        JsonNode changed = json(swm.get("/api/v1/queues/SWM?limit=500&updatedSince=" + Http.encode(since.toString())));
        assertThat(changed.values().stream().map(r -> r.get("publicId").asString()))
                .as("closed since, and so changed since")
                .contains(id);
        List<java.time.Instant> order = changed.values().stream()
                .map(r -> java.time.Instant.parse(r.get("updatedAt").asString()))
                .toList();
        assertThat(order).as("the least recently changed first").isSorted();
        // The next page starts after the last request read, not at its moment again.
        JsonNode last = changed.values().stream()
                .filter(r -> r.get("publicId").asString().equals(id))
                .findFirst()
                .orElseThrow();
        String at = "/api/v1/queues/SWM?limit=500&updatedSince="
                + Http.encode(last.get("updatedAt").asString());
        assertThat(ids(swm.get(at))).contains(id);
        assertThat(ids(swm.get(at + "&afterId=" + last.get("id").asLong()))).doesNotContain(id);
        assertThat(ids(swm.get("/api/v1/queues/SWM?updatedSince=2999-01-01"))).doesNotContain(id);
        Http.Response refused = swm.get("/api/v1/queues/SWM?updatedSince=yesterday");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("updatedSince");
    }

    @Test
    void theQueueListsWhatNobodyHoldsYetOrWhatTheCallerHoldsAsTheScreensDo() {
        String free = greenBinReport("5 Quillfeather Row, Toronto");
        String held = greenBinReport("7 Quillfeather Row, Toronto");
        assertThat(swm.postJson("/api/v1/requests/" + held + "/assignment", body("assignee", "swm"))
                        .status())
                .isEqualTo(200);
        String street = "&q=" + Http.encode("Quillfeather Row");
        assertThat(ids(swm.get("/api/v1/queues/SWM?assignee=-" + street)))
                .contains(free)
                .doesNotContain(held);
        assertThat(ids(swm.get("/api/v1/queues/SWM?assignee=me" + street)))
                .contains(held)
                .doesNotContain(free);
    }

    @Test
    void aRefusalNamesTheFieldAsTheCallsBodyDoes() {
        String id = greenBinReport("11 Quillfeather Row, Toronto");
        Http.Response note = swm.postJson(
                "/api/v1/requests/" + id + "/notes",
                "{\"text\":\"Write to amara.home@example.org about it\",\"isPublic\":true}");
        assertThat(note.status()).as(note.body()).isEqualTo(400);
        assertThat(json(note).get("field").asString()).isEqualTo("text");
        Http.Response sameType = swm.postJson(
                "/api/v1/requests/" + id + "/type", body("serviceCode", "SWM-MISSED-GREEN-BIN", "reason", "Checking"));
        assertThat(sameType.status()).as(sameType.body()).isEqualTo(400);
        assertThat(json(sameType).get("field").asString()).isEqualTo("serviceCode");
    }

    @Test
    void aBodyFieldOfTheWrongKindIsRefusedNamingIt() {
        String id = greenBinReport("13 Quillfeather Row, Toronto");
        Http.Response due = swm.postJson("/api/v1/requests/" + id + "/notes", "{\"text\":\"On it\",\"isPublic\":[1]}");
        assertThat(due.status()).as(due.body()).isEqualTo(400);
        assertThat(json(due).get("field").asString()).isEqualTo("isPublic");
        assertThat(json(swm.postJson("/api/v1/requests/" + id + "/notes", "not json"))
                        .has("field"))
                .isFalse();
    }

    @Test
    void aPhotoOverTheUploadLimitIsA413NamingThePhotoNotAServerError() {
        String id = greenBinReport("9 Quillfeather Row, Toronto");
        Http.Response tooLarge = swm.postMultipart(
                "/api/v1/requests/" + id + "/photos", List.of(), List.of(Map.entry("photo", new byte[1_200_000])));
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(json(tooLarge).get("field").asString()).isEqualTo("photo");

        // From the request's page, on a tablet in the street: the answer leads back to the request.
        Http desk = Http.browser(port);
        desk.signIn("swm", PASSWORD, null);
        Http.Response fromThePage = desk.postMultipart(
                "/staff/requests/" + id + "/photos",
                List.of(Map.entry("_csrf", desk.csrf("/staff/profile"))),
                List.of(Map.entry("photo", new byte[1_200_000])));
        assertThat(fromThePage.status()).isEqualTo(413);
        assertThat(fromThePage.body())
                .contains("Nothing was saved")
                .contains("<a href=\"/staff/requests/" + id + "\">Back to the page</a>");
    }

    @Test
    void routingSendsARequestToTheQueueAndSupervisorOfItsArea() {
        Http.Response bins = anonymous.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWM-BIN-LEFT"),
                        Map.entry("lat", "43.6792"),
                        Map.entry("long", "-79.3788"),
                        Map.entry("attribute[BINS_AFFECTED][]", "GARBAGE"),
                        Map.entry("attribute[BLOCKING]", "SIDEWALK")));
        String token = json(bins).get(0).get("token").asString();
        String id = json(anonymous.get("/open311/v2/tokens/" + token + ".json"))
                .get(0)
                .get("service_request_id")
                .asString();
        assertThat(supervisor(id)).isEqualTo("nabernathy"); // Toronto & East York collections
        assertThat(json(swm.get("/api/v1/requests/" + id))
                        .get("request")
                        .get("departmentCode")
                        .asString())
                .isEqualTo("SWM");

        Http.Response etobicoke = anonymous.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWM-BIN-LEFT"),
                        Map.entry("lat", "43.6440"),
                        Map.entry("long", "-79.5650"),
                        Map.entry("attribute[BINS_AFFECTED][]", "RECYCLING"),
                        Map.entry("attribute[BLOCKING]", "DRIVEWAY")));
        String other = json(anonymous.get("/open311/v2/tokens/"
                        + json(etobicoke).get(0).get("token").asString() + ".json"))
                .get(0)
                .get("service_request_id")
                .asString();
        assertThat(supervisor(other)).isEqualTo("opetrescu"); // Etobicoke York collections
    }

    @Test
    void theOpenApiDocumentDescribesTheStaffCalls() {
        JsonNode document = json(anonymous.get("/v3/api-docs"));
        assertThat(document.get("info").get("title").asString()).isEqualTo("Civic311 staff API");
        assertThat(document.get("paths").propertyNames())
                .contains(
                        "/api/v1/requests/{id}",
                        "/api/v1/requests/{id}/transitions",
                        "/api/v1/requests/{id}/assignment",
                        "/api/v1/queues/{departmentCode}");
    }

    @Test
    void badBodiesAreRefusedWith400() {
        String id = greenBinReport("26 Birch Ave, Toronto");
        Http.Response notJson = swm.postJson("/api/v1/requests/" + id + "/transitions", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        Http.Response noStatus = swm.postJson("/api/v1/requests/" + id + "/transitions", "{}");
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(json(noStatus).get("field").asString()).isEqualTo("status");
        Http.Response badResolution = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body("status", "completed", "publicNote", "x", "resolution", "VANISHED"));
        assertThat(badResolution.status()).isEqualTo(400);
        assertThat(swm.get("/api/v1/requests/does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void aNoteThePublicReadsMayNotNameWhoReportedTheProblem() {
        String id = greenBinReport("34 Birch Ave, Toronto");
        jdbc.sql(
                        """
                        update request_reporter r set last_name = 'Haddad' from service_request s
                        where s.id = r.request_id and s.public_id = :id""")
                .param("id", id)
                .update();
        Http.Response named = swm.postJson(
                "/api/v1/requests/" + id + "/notes",
                body("text", "Thanks Mrs Haddad, the crew replaced the bin", "isPublic", true));
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body()).contains("names the person who reported it (Haddad)");
        assertThat(swm.postJson(
                                "/api/v1/requests/" + id + "/notes",
                                body("text", "Mrs Haddad called again about the lid", "isPublic", false))
                        .status())
                .as("staff keep it among themselves")
                .isLessThan(300);
        assertThat(swm.postJson(
                                "/api/v1/requests/" + id + "/notes",
                                body("text", "The crew replaced the bin", "isPublic", true))
                        .status())
                .isLessThan(300);
    }

    @Test
    void aResidentsContactDetailsAreRefusedInANoteThePublicReadsButTheCitysOwnAreNot() {
        String id = greenBinReport("32 Birch Ave, Toronto");
        Http.Response tenant = swm.postJson(
                "/api/v1/requests/" + id + "/notes",
                body("text", "Spoke to the resident at 416-555-0199, bin replaced", "isPublic", true));
        assertThat(tenant.status()).isEqualTo(400);
        assertThat(tenant.body())
                .contains("contains 416-555-0199, which is not one of the city's own numbers or addresses");
        Http.Response email = swm.postJson(
                "/api/v1/requests/" + id + "/transitions",
                body("status", "completed", "publicNote", "Replaced; told amara@example.org", "resolution", "FIXED"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.body()).contains("contains amara@example.org");

        String department = jdbc.sql("select phone from department where code = 'SWM'")
                .query(String.class)
                .single();
        assertThat(swm.postJson(
                                "/api/v1/requests/" + id + "/notes",
                                body(
                                        "text",
                                        "Questions about your bin? Call Solid Waste at " + department,
                                        "isPublic",
                                        true))
                        .status())
                .as("the department's own number, as the directory has it")
                .isEqualTo(200);
    }

    @Test
    void aNoteOnARequestAboutSomeonesHomeMayNotNameTheDoor() {
        Http.Response created = anonymous.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "MLS-INADEQUATE-HEAT"),
                        Map.entry("address_string", "41 Elm Ave, Toronto"),
                        Map.entry("email", "tenant.heat@example.org"),
                        Map.entry("attribute[TEMPERATURE_C]", "15"),
                        Map.entry("attribute[UNIT_NUMBER]", "3"),
                        Map.entry("attribute[LANDLORD_TOLD]", "YES"),
                        Map.entry("description", "No heat in the apartment since Friday")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String token = json(created).get(0).get("token").asString();
        String id = json(anonymous.get("/open311/v2/tokens/" + token + ".json"))
                .get(0)
                .get("service_request_id")
                .asString();
        Http inspector = new Http(port).as("admin", "civic311-demo");
        Http.Response door = inspector.postJson(
                "/api/v1/requests/" + id + "/notes",
                body("text", "Inspected 41 Elm Ave unit 3: the boiler is being repaired", "isPublic", true));
        assertThat(door.status()).as(door.body()).isEqualTo(400);
        assertThat(door.body()).contains("names the home's address or unit, and this request is about someone's home");
        assertThat(inspector
                        .postJson(
                                "/api/v1/requests/" + id + "/notes",
                                body(
                                        "text",
                                        "Inspected: the boiler is being repaired under work order #12345. Questions:"
                                                + " City Hall, 100 Queen St W",
                                        "isPublic",
                                        true))
                        .status())
                .as("a work order's number and the city's own address name no home")
                .isEqualTo(200);
    }

    @Test
    void abusiveWordsAreRefusedInEveryNoteThePublicReads() {
        String id = greenBinReport("30 Birch Ave, Toronto");
        String quoted = "The resident wrote: you f*cking idiots broke my bin";
        Http.Response publicNote =
                swm.postJson("/api/v1/requests/" + id + "/notes", body("text", quoted, "isPublic", true));
        assertThat(publicNote.status()).isEqualTo(400);
        assertThat(publicNote.body()).contains("contains abusive words, which are never published");
        assertThat(swm.postJson("/api/v1/requests/" + id + "/notes", body("text", quoted, "isPublic", false))
                        .status())
                .as("kept for staff in an internal note")
                .isEqualTo(200);

        assertThat(swm.postJson(
                                "/api/v1/requests/" + id + "/transitions",
                                body("status", "completed", "publicNote", "Replaced the bin.", "resolution", "FIXED"))
                        .status())
                .isEqualTo(200);
        Http.Response reopened =
                swm.postJson("/api/v1/requests/" + id + "/reopen", body("publicNote", "Reopened: " + quoted));
        assertThat(reopened.status()).isEqualTo(400);
        assertThat(json(swm.get("/api/v1/requests/" + id))
                        .get("request")
                        .get("closed")
                        .asBoolean())
                .as("nothing of the refused reopening was kept")
                .isTrue();
    }

    @Test
    void notesAndFollowersOfAnotherDepartmentsRequestAreRefused() {
        String id = greenBinReport("28 Birch Ave, Toronto");
        assertThat(roads.postJson("/api/v1/requests/" + id + "/notes", body("text", "peeking", "isPublic", false))
                        .status())
                .isEqualTo(403);
        assertThat(roads.postJson(
                                "/api/v1/requests/" + id + "/followers",
                                body("channel", "X", "address", "1861234567890123456"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aBodyThatIsNotJsonOrADepartmentThatDoesNotExistIsA4xx() {
        Http.Response form = swm.postForm("/api/v1/knowledge/articles", List.of(Map.entry("title", "x")));
        assertThat(form.status()).isEqualTo(415);
        Http.Response unknown =
                swm.postJson("/api/v1/knowledge/articles", body("title", "t", "body", "b", "department", "NOPE"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(json(unknown).get("field").asString()).isEqualTo("department");
        assertThat(swm.get("/api/v1/queues/SWM?dueBefore=%2B300000-01-01T00:00:00Z")
                        .status())
                .isEqualTo(400);
    }

    private String supervisor(String publicId) {
        return jdbc.sql("select supervisor_key from service_request where public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
    }

    private static List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).values().stream()
                .map(r -> r.get("publicId").asString())
                .toList();
    }
}
