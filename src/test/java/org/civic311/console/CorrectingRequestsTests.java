package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.catalog.Catalog;
import org.civic311.catalog.Jurisdiction;
import org.civic311.requests.ServiceRequest;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff correct what a report got wrong. A request of the wrong type of problem goes to the queue its real type is
 * routed to, due as that type is, counted from when it was made; one at the wrong place, or at an address that could
 * not be placed, is moved, and its ward follows. Each change is on its record and its public face.
 */
@Civic311Test
class CorrectingRequestsTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    Catalog catalog;

    static String change(String serviceCode, String reason) {
        return "{\"serviceCode\":\"" + serviceCode + "\",\"reason\":\"" + reason + "\"}";
    }

    @Autowired
    org.civic311.requests.RequestWork work;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aPublicNoteWrittenWrongIsCorrectedAndTheFirstWordingStaysOnTheAuditTrail() {
        String id = Reports.binTagged(requests, "Tags on the bin at the corner");
        org.civic311.requests.Actor luis = new org.civic311.requests.Actor("swm", "console");
        work.transition("toronto.ca", id, new org.civic311.requests.Transition("in_progress", null, null, null), luis);
        work.addNote("toronto.ca", id, "A crew will clean it on Tusday.", true, luis);
        java.util.List<Long> notes = jdbc.sql(
                        """
                        select n.id from request_note n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.public order by n.noted_at, n.id""")
                .param("id", id)
                .query(Long.class)
                .list();
        long generated = notes.get(notes.size() - 2);
        long written = notes.getLast();
        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);
        String page = swm.get("/staff/requests/" + id).body();
        assertThat(page)
                .as("a note staff wrote is corrected; the line Civic311 wrote for the change of status is not")
                .contains("/notes/" + written + "/correct")
                .doesNotContain("/notes/" + generated + "/correct");

        swm.postForm(
                "/staff/requests/" + id + "/notes/" + written + "/correct",
                java.util.List.of(
                        java.util.Map.entry("publicNote", "A crew will clean it on Tuesday."),
                        java.util.Map.entry("reason", "Spelling of the day"),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile"))));
        assertThat(swm.get("/staff/requests/" + id).body())
                .contains("The note is corrected", "A crew will clean it on Tuesday.", "corrected ")
                .contains("public note corrected", "Spelling of the day (it said: A crew will clean it on Tusday.)");
        assertThat(new Http(port).get("/requests/" + id).body())
                .as("followers read the first wording in their email: the page says it changed since")
                .contains("A crew will clean it on Tuesday.", "Corrected by staff on ")
                .doesNotContain("Tusday");
        assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").body())
                .as("the latest public note is Open311's status notes")
                .contains("\"status_notes\":\"A crew will clean it on Tuesday.\"");

        Http.Response refused = swm.postForm(
                "/staff/requests/" + id + "/notes/" + generated + "/correct",
                java.util.List.of(
                        java.util.Map.entry("publicNote", "Something else"),
                        java.util.Map.entry("reason", "Trying"),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile"))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(302);
        assertThat(swm.get("/staff/requests/" + id).body()).contains("is not a public note staff wrote");

        swm.postForm(
                "/staff/requests/" + id + "/notes/" + written + "/correct",
                java.util.List.of(
                        java.util.Map.entry("publicNote", "A crew will clean it on [date]."),
                        java.util.Map.entry("reason", "The day moved"),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile"))));
        String again = swm.get("/staff/requests/" + id).body();
        assertThat(again.substring(again.indexOf("id=\"note-" + written + "\"")))
                .as("a refused correction comes back in its own note's box, opened, as typed")
                .contains(">A crew will clean it on [date].</textarea>", "value=\"The day moved\"");
        assertThat(again).containsPattern("<details class=\"correct-note\"\\s+open=\"open\">");
        assertThat(again.substring(
                        again.indexOf("id=\"public-note\""),
                        again.indexOf("</textarea>", again.indexOf("id=\"public-note\""))))
                .as("never in the box whose note goes to every follower")
                .doesNotContain("[date]");
    }

    @Test
    void aRequestOfTheWrongTypeGoesToItsRealTypesQueueDueAsThatTypeIs() {
        String id = Reports.binTagged(requests, "Deep pothole right beside the litter bin");
        Http swm = new Http(port).as("swm", "civic311-demo");

        Http.Response changed =
                swm.postJson("/api/v1/requests/" + id + "/type", change("CSROWR-12", "It is a pothole, not graffiti"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        ServiceRequest request = requests.find("toronto.ca", id).orElseThrow();
        assertThat(request.serviceCode()).isEqualTo("CSROWR-12");
        assertThat(request.departmentCode()).isEqualTo("TSRO");
        Jurisdiction toronto = catalog.resolveJurisdiction("toronto.ca");
        assertThat(request.expectedAt())
                .isEqualTo(catalog.requireServiceType("toronto.ca", "CSROWR-12")
                        .target()
                        .dueFrom(request.requestedAt(), toronto.timeZone(), toronto.calendar()));
        assertThat(changed.body()).contains("type changed", "SWLMALB-02 → CSROWR-12: It is a pothole, not graffiti");
        assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").body())
                .contains("\"service_code\":\"CSROWR-12\"");

        // It has left their queue: Solid Waste no longer changes it; Road Operations does, on its page.
        assertThat(swm.postJson("/api/v1/requests/" + id + "/type", change("SWLMALB-02", "Back"))
                        .status())
                .isEqualTo(403);
        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);
        assertThat(supervisor.get("/staff/requests/" + id).body())
                .contains("Another type of problem", "Change the type");
    }

    @Test
    void aRequestAtAnAddressThatCouldNotBePlacedIsPlacedAndItsWardFollows() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        "toronto.ca",
                        "SWLMALB-02",
                        new org.civic311.requests.Location(null, null, "the bin by the laundromat", null, null),
                        "Tags on the bin",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.PHONE,
                        null))
                .publicId();
        assertThat(requests.find("toronto.ca", id).orElseThrow().wardCode()).isNull();

        Http agent = new Http(port).as("swm", "civic311-demo");
        Http.Response placed = agent.postJson(
                "/api/v1/requests/" + id + "/location",
                "{\"address\":\"1033 Queen St W\",\"reason\":\"The caller named the street afterwards\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        ServiceRequest request = requests.find("toronto.ca", id).orElseThrow();
        assertThat(request.location().latitude()).isEqualTo(43.6437614);
        assertThat(request.location().longitude()).isEqualTo(-79.4194418);
        assertThat(request.wardCode()).isNotNull();
        assertThat(placed.body())
                .contains("place corrected", "the bin by the laundromat → 1033 Queen St W (43.6437614, -79.4194418)");

        Http.Response outside = agent.postJson(
                "/api/v1/requests/" + id + "/location",
                "{\"latitude\":45.5017,\"longitude\":-73.5673,\"reason\":\"Montreal\"}");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).contains("lies outside City of Toronto");
        Http.Response half = agent.postJson(
                "/api/v1/requests/" + id + "/location", "{\"latitude\":43.65,\"reason\":\"Half a point\"}");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body()).contains("longitude");
        assertThat(requests.find("toronto.ca", id).orElseThrow().location().latitude())
                .as("nothing refused is kept")
                .isEqualTo(43.6437614);

        Http desk = Http.browser(port);
        desk.signIn("swm", "civic311-demo", null);
        assertThat(desk.get("/staff/requests/" + id).body()).contains("Correct the place");
    }

    @Test
    void aHomesPlaceStaysPrivateWhenItsTypeIsCorrectedToAPublicOne() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        "toronto.ca",
                        "MLS-INADEQUATE-HEAT",
                        new org.civic311.requests.Location(43.65432, -79.39712, "123 Lisgar St", null, null),
                        "No heat in the unit since Friday",
                        java.util.Map.of(
                                "TEMPERATURE_C", java.util.List.of("15"),
                                "UNIT_NUMBER", java.util.List.of("Unit 1204"),
                                "LANDLORD_TOLD", java.util.List.of("YES")),
                        java.util.List.of(),
                        java.util.List.of(),
                        new org.civic311.requests.Reporter(null, null, "cold.tenant.2@example.org", null, null, null),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
        Http supervisor = new Http(port).as("supervisor", "civic311-demo");
        Http.Response changed = supervisor.postJson(
                "/api/v1/requests/" + id + "/type", change("SWLMALB-02", "Filed under the wrong type"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").body())
                .contains("\"service_code\":\"SWLMALB-02\"")
                .doesNotContain("123 Lisgar", "43.65432");
    }

    @Test
    void anAddressThatCannotBePlacedDoesNotTakeAwayARequestsPoint() {
        String id = Reports.binTagged(requests, "Tags on the bin by the pool");
        Http swm = new Http(port).as("swm", "civic311-demo");
        Http.Response unplaced = swm.postJson(
                "/api/v1/requests/" + id + "/location", "{\"address\":\"behind the pool\",\"reason\":\"Typo\"}");
        assertThat(unplaced.status()).isEqualTo(400);
        assertThat(unplaced.body()).contains("is not in the city's address data");
        assertThat(requests.find("toronto.ca", id).orElseThrow().location().hasPoint())
                .isTrue();
    }

    @Test
    void theSameTypeARetiredOneOrAClosedRequestIsRefusedByName() {
        String id = Reports.binTagged(requests, "Tags on the bin");
        Http agent = new Http(port).as("swm", "civic311-demo");
        Http.Response same = agent.postJson("/api/v1/requests/" + id + "/type", change("SWLMALB-02", "Same"));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body()).contains("is already Graffiti on a City litter bin");
        Http.Response retired =
                agent.postJson("/api/v1/requests/" + id + "/type", change("SWM-BIN-NOT-RETURNED", "Retired"));
        assertThat(retired.status()).isEqualTo(400);
        assertThat(agent.postJson("/api/v1/requests/" + id + "/type", change("NO-SUCH-TYPE", "None"))
                        .status())
                .isEqualTo(400);
        assertThat(agent.postJson("/api/v1/requests/" + id + "/type", "{\"serviceCode\":\"CSROWR-12\"}")
                        .body())
                .contains("reason");

        Http.Response closed = agent.postJson(
                "/api/v1/requests/" + id + "/transitions",
                "{\"status\":\"completed\",\"publicNote\":\"Cleaned.\",\"resolution\":\"FIXED\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        Http.Response afterClosing =
                agent.postJson("/api/v1/requests/" + id + "/type", change("CSROWR-12", "Too late"));
        assertThat(afterClosing.status()).isEqualTo(400);
        assertThat(afterClosing.body()).contains("cannot change the type of");
    }

    @Test
    void workWaitingOnTheResidentIsDueLaterWithTheReasonKeptAndBackOnTrack() {
        String id = Reports.binTagged(requests, "Tags on the bin, the owner wants to be there when it is cleaned");
        jdbc.sql("update service_request set sla_state = 'BREACHED', expected_at = now() - interval '1 day'"
                        + " where public_id = :id")
                .param("id", id)
                .update();
        Jurisdiction toronto = catalog.resolveJurisdiction("toronto.ca");
        java.time.LocalDate today = java.time.LocalDate.now(toronto.timeZone());
        java.time.LocalDate day = today.plusDays(3);
        while (!toronto.calendar().isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        java.time.LocalDate saturday =
                today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY));
        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);

        move(swm, id, saturday.toString(), "We will come on Monday.");
        String refused = swm.get("/staff/requests/" + id).body();
        assertThat(refused).contains("The new due day is not a working day of the city");
        assertThat(refused.replaceAll("(?s).*<textarea id=\"due-note\"[^>]*>([^<]*)<.*", "$1"))
                .as("what was typed comes back in its own form's box")
                .isEqualTo("We will come on Monday.");
        assertThat(refused.replaceAll("(?s).*<textarea id=\"public-note\"[^>]*>([^<]*)<.*", "$1"))
                .as("not in the box that moves the request on or closes it")
                .isEmpty();
        move(swm, id, today.toString(), "");
        assertThat(swm.get("/staff/requests/" + id).body()).contains("must be a day after today");

        move(swm, id, day.toString(), "");
        ServiceRequest moved = requests.find("toronto.ca", id).orElseThrow();
        assertThat(java.time.LocalDate.ofInstant(moved.expectedAt(), toronto.timeZone()))
                .isEqualTo(day);
        assertThat(moved.slaState().name()).isEqualTo("ON_TRACK");
        assertThat(swm.get("/staff/requests/" + id).body())
                .contains("due day moved", " → " + day + ": The owner asked to be there");
        assertThat(publicNotes(id)).as("without a note, followers are not told").isEqualTo(1);

        move(swm, id, day.plusDays(7).toString(), "We will clean it when the owner is there, the week after.");
        assertThat(publicNotes(id)).isEqualTo(2);
    }

    private void move(Http desk, String id, String day, String note) {
        desk.postForm(
                "/staff/requests/" + id + "/due",
                java.util.List.of(
                        java.util.Map.entry("due", day),
                        java.util.Map.entry("reason", "The owner asked to be there"),
                        java.util.Map.entry("publicNote", note),
                        java.util.Map.entry("_csrf", desk.csrf("/staff/profile"))));
    }

    private int publicNotes(String id) {
        return jdbc.sql("select count(*)::int from request_note n join service_request r on r.id = n.request_id"
                        + " where r.public_id = :id and n.public")
                .param("id", id)
                .query(Integer.class)
                .single();
    }
}
