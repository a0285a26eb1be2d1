package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Staff reach the work they are asked about: any request by the tracking number a caller reads out, from every staff
 * screen, and, for those who see every queue, any department's queue from the one they are on.
 */
@Civic311Test
class FindingWorkTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    /** Posts a staff screen's form as the browser would, with its CSRF token; the answer's status. */
    static int post(Http staff, String path, String... namesAndValues) {
        java.util.List<java.util.Map.Entry<String, String>> form = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(java.util.Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        form.add(java.util.Map.entry("_csrf", staff.csrf("/staff/profile")));
        return staff.postForm(path, form).status();
    }

    Http signedIn(String username) {
        Http staff = Http.browser(port);
        assertThat(staff.signIn(username, "civic311-demo", null).status()).isEqualTo(302);
        return staff;
    }

    @Test
    void aRequestIsOpenedByTheNumberACallerReadsOutFromAnyStaffScreen() {
        String id = Reports.binTagged(requests, "Tags on the bin by the bus stop");
        Http agent = signedIn("agent");
        assertThat(agent.get("/staff/knowledge").body())
                .contains("Request or inquiry no.", "action=\"/staff/requests\"");

        for (String typed : new String[] {id, " #" + id + " ", "# " + id}) {
            Http.Response found = agent.get("/staff/requests?number=" + Http.encode(typed));
            assertThat(found.status()).as(typed).isEqualTo(302);
            assertThat(found.headers().firstValue("Location").orElseThrow()).endsWith("/staff/requests/" + id);
        }
        Http.Response unknown = agent.get("/staff/requests?number=999999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no request 999999999");
        Http.Response blank = agent.get("/staff/requests?number=%20");
        assertThat(blank.status()).isEqualTo(302);
        assertThat(agent.get(java.net
                                .URI
                                .create(blank.headers().firstValue("Location").orElseThrow())
                                .getPath())
                        .body())
                .contains("Type the request&#39;s tracking number to open it.");
        assertThat(agent.get("/staff/requests").status()).isEqualTo(400);
    }

    @Test
    void anInquiryIsOpenedByTheReferenceACallerReadsOutFromTheSameBox() {
        Http.Response logged = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        "{\"question\":\"When is the next leaf collection?\",\"consent\":false,"
                                + "\"preferredChannel\":\"PHONE\"}");
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        String reference = logged.body().replaceAll("(?s).*\"reference\"\\s*:\\s*\"(Q\\d+)\".*", "$1");
        Http agent = signedIn("agent");

        Http.Response found = agent.get("/staff/requests?number=" + Http.encode(" " + reference.toLowerCase() + " "));

        assertThat(found.status()).isEqualTo(302);
        assertThat(found.headers().firstValue("Location").orElseThrow()).endsWith("/staff/inquiries/" + reference);
        assertThat(agent.get("/staff/inquiries/" + reference).body()).contains("When is the next leaf collection?");
    }

    @Autowired
    org.civic311.requests.RequestWork work;

    void close(String id) {
        work.transition(
                "toronto.ca",
                id,
                new org.civic311.requests.Transition(
                        "completed", "Cleaned.", null, org.civic311.catalog.Resolution.FIXED),
                new org.civic311.requests.Actor("swm", "console"));
    }

    @Test
    void anAgentAnsweringACallerNotesReopensAndAddsAFollowerOnADepartmentsRequest() {
        String id = Reports.binTagged(requests, "Tags on the bin outside the library");
        close(id);
        Http agent = signedIn("agent");
        assertThat(agent.get("/staff/requests/" + id).body())
                .contains("Add note", "Reopen")
                .as("the queue's own work stays the queue's")
                .doesNotContain("Take it", ">Transfer<");

        assertThat(post(agent, "/staff/requests/" + id + "/note", "text", "Caller says the tags are back."))
                .isEqualTo(302);
        assertThat(post(
                        agent,
                        "/staff/requests/" + id + "/reopen",
                        "publicNote",
                        "The tags are back; the crew will return."))
                .isEqualTo(302);
        assertThat(post(
                        agent,
                        "/staff/requests/" + id + "/followers",
                        "channel",
                        "EMAIL",
                        "address",
                        "librarian@example.org",
                        "language",
                        "fr"))
                .isEqualTo(302);

        var record = work.record("toronto.ca", id);
        assertThat(record.request().closed()).isFalse();
        assertThat(record.notes())
                .anySatisfy(note -> assertThat(note.text()).isEqualTo("Caller says the tags are back."));
        assertThat(record.followers())
                .anySatisfy(f -> assertThat(f.address() + " " + f.language()).isEqualTo("librarian@example.org fr"));
        assertThat(agent.get("/staff/requests/" + id).body()).contains("EMAIL · librarian@example.org · fr");
        Http otherDepartment = signedIn("roads");
        assertThat(post(otherDepartment, "/staff/requests/" + id + "/note", "text", "Not my queue."))
                .as("another department's staff still may not")
                .isEqualTo(403);
    }

    @Test
    void aRequestIsAssignedToAColleagueByTheirAccountSoThatItIsInTheirMine() {
        String id = Reports.binTagged(requests, "Tags on the bin by the market");
        Http luis = signedIn("swm");

        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("<datalist id=\"queue-staff\">")
                .contains("<option value=\"swm.manager\">Julian Marchetti, Manager, Collections Operations</option>")
                .doesNotContain("<option value=\"roads\">");
        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "swm.manager"))
                .isEqualTo(302);
        assertThat(signedIn("swm.manager").get("/staff/queues/SWM?mine=on").body())
                .contains(">" + id + "<");
    }

    @Test
    void anAssigneeOneSlipFromAColleaguesAccountIsRefusedAndOneNamedByTheirDisplayNameIsPutDownByAccount() {
        String id = Reports.binTagged(requests, "Tags on the bin by the bandstand");
        Http luis = signedIn("swm");

        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "swm.manger"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("no colleague&#39;s account is swm.manger: did you mean swm.manager (Julian Marchetti)?");
        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "roads"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("does not work this request&#39;s queue: transfer it to their department instead");
        assertThat(assigneeOf(id)).isNull();

        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "julian marchetti"))
                .isEqualTo(302);
        assertThat(assigneeOf(id)).isEqualTo("swm.manager");
        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "Crew 7 (Harbourfront)"))
                .isEqualTo(302);
        assertThat(assigneeOf(id)).isEqualTo("Crew 7 (Harbourfront)");
    }

    @Test
    void aCrewIsOfferedAsItIsSpeltAndTypedOtherwiseIsPutDownTheSameWay() {
        String first = Reports.binTagged(requests, "Tags on the bin by the boathouse");
        String second = Reports.binTagged(requests, "Tags on the bin by the sand dunes");
        Http luis = signedIn("swm");
        assertThat(post(luis, "/staff/requests/" + first + "/assign", "assignee", "Crew 12 (Beaches)"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + second).body())
                .contains("<option value=\"Crew 12 (Beaches)\">Crew 12 (Beaches), holds open requests</option>");
        assertThat(post(luis, "/staff/requests/" + second + "/assign", "assignee", "crew  12 (beaches)"))
                .isEqualTo(302);
        assertThat(assigneeOf(second)).isEqualTo("Crew 12 (Beaches)");
        assertThat(luis.get("/staff/queues/SWM?q=boathouse").body())
                .as("each row says when it was reported and what it is about, as the public reads it")
                .contains("<th scope=\"col\">Reported</th>")
                .contains("<span class=\"when excerpt\">Tags on the bin by the boathouse</span>");
    }

    private @org.jspecify.annotations.Nullable String assigneeOf(String id) {
        return jdbc.sql("select assignee from service_request where public_id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void aRequestAColleagueHoldsIsNotTakenFromUnderThemButAssignedOver() {
        String id = Reports.binTagged(requests, "Tags on the bin by the ferry docks");
        Http luis = signedIn("swm");
        Http julian = signedIn("swm.manager");
        String seenByJulian = julian.get("/staff/requests/" + id).body();
        assertThat(seenByJulian).contains("id=\"take\"");

        assertThat(post(luis, "/staff/requests/" + id + "/take")).isEqualTo(302);
        // Julian clicks "Take it" on the page he opened before Luis took it.
        assertThat(post(julian, "/staff/requests/" + id + "/take")).isEqualTo(302);
        assertThat(julian.get("/staff/requests/" + id).body())
                .contains("is held by swm; assign it to take it over")
                .doesNotContain("id=\"take\"");
        assertThat(jdbc.sql("select assignee from service_request where public_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("swm");

        assertThat(post(julian, "/staff/requests/" + id + "/assign", "assignee", "swm.manager"))
                .isEqualTo(302);
        assertThat(jdbc.sql(
                                """
                                select detail from request_audit a join service_request s on s.id = a.request_id
                                where s.public_id = :id and a.action = 'assigned' order by a.id""")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("swm", "swm → swm.manager");
    }

    @Test
    void aStatusChangeWrittenOnAPageAColleagueHasSinceOvertakenIsRefusedAndItsNoteComesBack() {
        String id = Reports.binTagged(requests, "Tags on the bin by the skating rink");
        Http luis = signedIn("swm");
        Http julian = signedIn("swm.manager");
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("<input type=\"hidden\" name=\"seenStatus\" value=\"new\">");

        assertThat(post(julian, "/staff/requests/" + id + "/status", "status", "in_progress", "seenStatus", "new"))
                .isEqualTo(302);
        // Julian's own change sent again (a slow answer clicked twice) is not a colleague's.
        assertThat(post(
                        julian,
                        "/staff/requests/" + id + "/status",
                        "status",
                        "in_progress",
                        "internalNote",
                        "Crew told.",
                        "seenStatus",
                        "new"))
                .isEqualTo(302);
        assertThat(julian.get("/staff/requests/" + id).body()).doesNotContain("changed since this page was opened");
        // Luis, on the page he opened before, leaves the status as it showed and writes to the resident.
        assertThat(post(
                        luis,
                        "/staff/requests/" + id + "/status",
                        "status",
                        "new",
                        "publicNote",
                        "A crew is booked for Tuesday.",
                        "seenStatus",
                        "new"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("is now In progress: it was changed since this page was opened, and nothing was changed now")
                .contains(">A crew is booked for Tuesday.</textarea>")
                .as("the status offered is the one it has now: sent as it was, the form would undo the colleague's")
                .containsPattern("<option value=\"in_progress\"\\s+selected")
                .doesNotContainPattern("<option value=\"new\"\\s+selected");
        var record = work.record("toronto.ca", id);
        assertThat(record.request().statusCode()).isEqualTo("in_progress");
        assertThat(record.notes()).noneSatisfy(note -> assertThat(note.text()).contains("Tuesday"));

        assertThat(post(
                        luis,
                        "/staff/requests/" + id + "/status",
                        "status",
                        "in_progress",
                        "publicNote",
                        "A crew is booked for Tuesday.",
                        "seenStatus",
                        "in_progress"))
                .as("sent again from the page as it is now")
                .isEqualTo(302);
        assertThat(work.record("toronto.ca", id).notes())
                .anySatisfy(note -> assertThat(note.text()).isEqualTo("A crew is booked for Tuesday."));
    }

    @Test
    void anAssignmentOvertakenByAColleaguesIsRefusedAndARequestIsPutBackInTheQueueOrReopenedHeldByNobody() {
        String id = Reports.binTagged(requests, "Tags on the bin by the splash pad");
        Http luis = signedIn("swm");
        Http julian = signedIn("swm.manager");
        assertThat(post(julian, "/staff/requests/" + id + "/assign", "assignee", "swm.manager", "seenAssignee", ""))
                .isEqualTo(302);
        assertThat(post(luis, "/staff/requests/" + id + "/assign", "assignee", "Crew 7", "seenAssignee", ""))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("is now swm.manager: the request was assigned since this page was opened");
        assertThat(assigneeOf(id)).isEqualTo("swm.manager");

        assertThat(luis.get("/staff/requests/" + id).body()).contains("Put it back in the queue (held by swm.manager)");
        assertThat(post(luis, "/staff/requests/" + id + "/release", "seenAssignee", "swm.manager"))
                .isEqualTo(302);
        assertThat(assigneeOf(id)).isNull();
        assertThat(luis.get("/staff/requests/" + id).body())
                .as("said first, where a screen reader starts")
                .contains("<title>Done: Request " + id)
                .contains("is back in the queue, held by nobody")
                .doesNotContain("Put it back in the queue");
        assertThat(post(luis, "/staff/requests/" + id + "/release", "seenAssignee", "swm.manager"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body()).contains("is nobody already: the request is in the queue");

        assertThat(post(luis, "/staff/requests/" + id + "/take")).isEqualTo(302);
        close(id);
        assertThat(post(luis, "/staff/requests/" + id + "/reopen", "publicNote", "The tags are back."))
                .isEqualTo(302);
        assertThat(assigneeOf(id))
                .as("reopened, it is the dispatcher's to hand out again")
                .isNull();
        assertThat(jdbc.sql(
                                """
                                select a.action || ' ' || a.detail from request_audit a
                                join service_request s on s.id = a.request_id
                                where s.public_id = :id and a.action = 'unassigned' order by a.id""")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "unassigned swm.manager: back to the queue", "unassigned swm: back to the queue, reopened");
    }

    @Test
    void abusiveWordsQuotedInAPublicNoteAreRefusedButMayBeKeptInAnInternalOne() {
        String id = Reports.binTagged(requests, "Tags on the bin by the library");
        Http luis = signedIn("swm");
        String quoted = "Crew cleaned it; the tag read f*cking idiots";

        assertThat(post(luis, "/staff/requests/" + id + "/status", "status", "in_progress", "publicNote", quoted))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("contains abusive words, which are never published");
        assertThat(post(luis, "/staff/requests/" + id + "/note", "text", quoted))
                .isEqualTo(302);
        assertThat(jdbc.sql(
                                """
                                select n.public from request_note n join service_request s on s.id = n.request_id
                                where s.public_id = :id and n.text like '%idiots%'""")
                        .param("id", id)
                        .query(Boolean.class)
                        .list())
                .containsExactly(false);
        assertThat(jdbc.sql("select status_code from service_request where public_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("nothing of the refused change was kept")
                .isEqualTo("new");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aCallerWithoutTheirNumberIsFoundByWordsOfTheDescriptionOrTheirPhone() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                        "Purple tags on the bin by the laundromat",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        new org.civic311.requests.Reporter("Mina", null, null, "416-555-0173", null, null),
                        org.civic311.requests.Channel.PHONE,
                        null))
                .publicId();
        Http swm = signedIn("swm");

        assertThat(swm.get("/staff/queues/SWM?q=" + Http.encode("purple TAGS")).body())
                .contains(">" + id + "<");
        assertThat(swm.get("/staff/queues/SWM?q=" + Http.encode("(416) 555-0173"))
                        .body())
                .contains(">" + id + "<");
        assertThat(swm.get("/staff/queues/SWM?q=" + Http.encode("416 555 0199")).body())
                .doesNotContain(">" + id + "<");
        assertThat(swm.get("/staff/queues/SWM?q=" + Http.encode("100%_")).status())
                .isEqualTo(200);

        // Returned to 311, it is in the queue every department sees; only 311 finds it by its reporter.
        work.returnTo311("toronto.ca", id, "Not a bin of ours", new org.civic311.requests.Actor("swm", "console"));
        String byPhone = "/staff/queues/311?q=" + Http.encode("416-555-0173");
        assertThat(signedIn("agent").get(byPhone).body()).contains(">" + id + "<");
        assertThat(signedIn("roads").get(byPhone).body())
                .as("another department's staff never learn who reported what")
                .doesNotContain(">" + id + "<");
    }

    @Autowired
    org.civic311.catalog.Absences absences;

    @Test
    void aQueueDownloadsAsASpreadsheetWithTheFiltersOfItsPage() {
        String tagged = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(
                                43.6437614, -79.4194418, "@1039 Queen St W, rear", null, null),
                        "Tags on the bin behind the shop",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
        Http swm = signedIn("swm");
        String page = swm.get("/staff/queues/SWM?service=SWLMALB-02").body();
        assertThat(page).contains("href=\"/staff/queues/SWM/requests.csv?service=SWLMALB-02\"");

        Http.Response csv = swm.get("/staff/queues/SWM/requests.csv?service=SWLMALB-02");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"SWM-queue-");
        java.util.List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst())
                .as("marked as UTF-8 for the spreadsheet that opens it")
                .isEqualTo(
                        "\uFEFFrequest,type,service_code,status,address,latitude,longitude,ward,reported,due,on_time,"
                                + "held_by,repeat_reports,description");
        assertThat(lines)
                .as("one line per request the filters find, whatever the page holds")
                .hasSize(1
                        + jdbc.sql(
                                        """
                                select count(*)::int from service_request
                                where department_code = 'SWM' and service_code = 'SWLMALB-02' and not closed""")
                                .query(Integer.class)
                                .single())
                .anySatisfy(line -> assertThat(line)
                        .startsWith(
                                tagged + ",Graffiti on a City litter bin,SWLMALB-02,new,\"'@1039 Queen St W, rear\"")
                        .endsWith(",Tags on the bin behind the shop"));
        assertThat(signedIn("roads").get("/staff/queues/SWM/requests.csv").status())
                .as("another department's queue is not theirs to download")
                .isEqualTo(403);
    }

    @Test
    void theQueueNarrowedToWhatIsOverdueListsOnlyThoseAlreadyPastTheirDueTime() {
        String late = Reports.binTagged(requests, "Tags on the bin, overdue since yesterday");
        String onTime = Reports.binTagged(requests, "Tags on the bin, due next week");
        jdbc.sql("update service_request set expected_at = now() - interval '1 day' where public_id = :id")
                .param("id", late)
                .update();
        Http swm = signedIn("swm");

        String overdue = swm.get("/staff/queues/SWM?service=SWLMALB-02&late=on").body();
        assertThat(overdue).contains(">" + late + "<").doesNotContain(">" + onTime + "<");
        assertThat(overdue).containsPattern("name=\"late\" value=\"on\" checked");
        assertThat(swm.get("/staff/queues/SWM/requests.csv?service=SWLMALB-02&late=on")
                        .body())
                .contains(late)
                .doesNotContain(onTime);
    }

    @Test
    void theRequestsTickedInAQueueAreAssignedAtOnceAndOneThatCannotBeIsNamed() {
        String first = Reports.binTagged(requests, "Tags on the bin, first of the morning's round");
        String second = Reports.binTagged(requests, "Tags on the bin, second of the morning's round");
        String closed = Reports.binTagged(requests, "Tags on the bin, already cleaned");
        work.transition(
                "toronto.ca",
                closed,
                new org.civic311.requests.Transition(
                        "completed", "Cleaned this morning.", null, org.civic311.catalog.Resolution.FIXED),
                new org.civic311.requests.Actor("swm", "console"));
        Http swm = signedIn("swm");
        assertThat(swm.get("/staff/queues/SWM").body())
                .contains("form=\"bulk\"", "value=\"" + first + "\"", "Change the ticked requests");
        assertThat(signedIn("agent").get("/staff/queues/SWM").body())
                .as("311 routes the queue's requests but does not work them")
                .doesNotContain("Change the ticked requests");

        Http.Response done = swm.postForm(
                "/staff/queues/SWM/bulk",
                java.util.List.of(
                        java.util.Map.entry("id", first),
                        java.util.Map.entry("id", second),
                        java.util.Map.entry("id", closed),
                        java.util.Map.entry("action", "assign"),
                        java.util.Map.entry("assignee", "Crew 7"),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile"))));
        assertThat(done.status()).isEqualTo(302);
        assertThat(swm.get("/staff/queues/SWM").body())
                .contains("2 requests assigned to Crew 7: " + first + ", " + second + ".")
                .contains("Not changed: " + closed + ": status cannot assign closed request " + closed);
        assertThat(jdbc.sql("select public_id || ' ' || coalesce(assignee, '-') from service_request"
                                + " where public_id in (:ids) order by public_id")
                        .param("ids", java.util.List.of(first, second, closed))
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(first + " Crew 7", second + " Crew 7", closed + " -");
        Http roads = signedIn("roads");
        assertThat(roads.postForm(
                                "/staff/queues/SWM/bulk",
                                java.util.List.of(
                                        java.util.Map.entry("id", first),
                                        java.util.Map.entry("action", "assign"),
                                        java.util.Map.entry("assignee", "Road crew"),
                                        java.util.Map.entry("_csrf", roads.csrf("/staff/profile"))))
                        .status())
                .as("another department's staff change nothing of it")
                .isEqualTo(403);
        assertThat(jdbc.sql("select assignee from service_request where public_id = :id")
                        .param("id", first)
                        .query(String.class)
                        .single())
                .isEqualTo("Crew 7");
    }

    @Test
    void theRequestsTickedInAQueueAreClosedOnlyWithANoteToTheirResidents() {
        String first = Reports.binTagged(requests, "Tags on the bin, first of the closing round");
        String second = Reports.binTagged(requests, "Tags on the bin, second of the closing round");
        Http swm = signedIn("swm");
        java.util.function.Function<String, java.util.List<java.util.Map.Entry<String, String>>> closing =
                note -> java.util.List.of(
                        java.util.Map.entry("id", first),
                        java.util.Map.entry("id", second),
                        java.util.Map.entry("action", "status"),
                        java.util.Map.entry("status", "completed"),
                        java.util.Map.entry("resolution", "FIXED"),
                        java.util.Map.entry("publicNote", note),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile")));

        assertThat(swm.postForm("/staff/queues/SWM/bulk", closing.apply(" ")).status())
                .isEqualTo(302);
        assertThat(swm.get("/staff/queues/SWM").body())
                .contains("Write the note to their residents: closing the ticked requests tells each follower");
        assertThat(statusesOf(first, second)).containsOnly("new");

        java.util.List<java.util.Map.Entry<String, String>> noResolution =
                new java.util.ArrayList<>(closing.apply("The tags were painted over on Monday."));
        noResolution.removeIf(field -> field.getKey().equals("resolution"));
        swm.postForm("/staff/queues/SWM/bulk", noResolution);
        String refused = swm.get("/staff/queues/SWM").body();
        assertThat(refused)
                .as("said once for the batch, with the ticks and the note kept")
                .contains("Choose the resolution: the requests are closed with it.")
                .doesNotContain("resolution is required")
                .containsPattern("value=\"" + first + "\"[^>]*checked=\"checked\"")
                .contains(">The tags were painted over on Monday.</textarea>");
        assertThat(statusesOf(first, second)).containsOnly("new");

        assertThat(swm.postForm("/staff/queues/SWM/bulk", closing.apply("The tags were painted over on Monday."))
                        .status())
                .isEqualTo(302);
        assertThat(swm.get("/staff/queues/SWM").body()).contains("2 requests moved on to Completed");
        assertThat(statusesOf(first, second)).containsOnly("completed");
    }

    @Test
    void anInternalNoteWithTheStatusLeftAsItWasIsKeptAndTellsResidentsNothing() {
        String id = Reports.binTagged(requests, "Tags on the bin, crew to book");
        work.transition(
                "toronto.ca",
                id,
                new org.civic311.requests.Transition("new", null, "Crew booked for Thursday", null),
                new org.civic311.requests.Actor("swm", "console"));
        assertThat(jdbc.sql("select n.public::text || ' ' || n.text from request_note n"
                                + " join service_request r on r.id = n.request_id where r.public_id = :id"
                                + " order by n.id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("true Submitted via the web", "false Crew booked for Thursday");
    }

    @Test
    void aPhotoIsShownToEveryDepartmentAndHiddenOrShownOnlyByThoseWhoWorkTheRequest() {
        String id = Reports.binTagged(requests, "Tags on the bin, photo taken");
        work.addPhoto(
                "toronto.ca",
                id,
                org.civic311.support.Images.png(8, 8),
                true,
                new org.civic311.requests.Actor("swm", "console"));
        assertThat(signedIn("roads").get("/staff/requests/" + id).body())
                .contains("class=\"thumbnail\"", "alt=\"Photo 1\"")
                .doesNotContain("Hide it from the public");
        assertThat(signedIn("swm").get("/staff/requests/" + id).body())
                .contains("Hide it from the public")
                .as("its status as people read it, not its code")
                .contains(">New</span>");
        assertThat(signedIn("swm").get("/staff/queues/SWM").body())
                .contains("<td>New</td>")
                .doesNotContain("<td>new</td>");
    }

    @Test
    void aQueueIsFilteredByWhoHoldsItsRequestsACrewOrNobody() {
        String crews = Reports.binTagged(requests, "Tags on the bin, quokka round, crew's");
        String nobodys = Reports.binTagged(requests, "Tags on the bin, quokka round, nobody's");
        work.assign("toronto.ca", crews, "Crew 9 (Quokka)", new org.civic311.requests.Actor("swm", "console"));
        Http swm = signedIn("swm");
        String all = swm.get("/staff/queues/SWM?q=quokka").body();
        assertThat(all).contains(">" + crews + "<", ">" + nobodys + "<", "<option value=\"Crew 9 (Quokka)\"");
        assertThat(swm.get("/staff/queues/SWM?q=quokka&held=" + Http.encode("Crew 9 (Quokka)"))
                        .body())
                .contains(">" + crews + "<")
                .doesNotContain(">" + nobodys + "<");
        assertThat(swm.get("/staff/queues/SWM?q=quokka&held=-").body())
                .contains(">" + nobodys + "<")
                .doesNotContain(">" + crews + "<");
        assertThat(swm.get("/staff/queues/SWM?q=quokka&held=me").body())
                .doesNotContain(">" + nobodys + "<", ">" + crews + "<");
    }

    @Test
    void aReportWithAnAddressTheMapCannotPlaceFindsItsPossibleDuplicatesByThatAddress() {
        java.util.function.Function<String, String> tagsAtANewBuilding =
                words -> requests.submit(new org.civic311.requests.NewServiceRequest(
                                null,
                                "SWLMALB-02",
                                new org.civic311.requests.Location(null, null, "88 Numbat Mews", null, null),
                                words,
                                java.util.Map.of(),
                                java.util.List.of(),
                                java.util.List.of(),
                                org.civic311.requests.Reporter.anonymous(),
                                org.civic311.requests.Channel.PHONE,
                                null))
                        .publicId();
        String first = tagsAtANewBuilding.apply("Gold tags on the litter bin by the new condo");
        String again = tagsAtANewBuilding.apply("The bin outside the new condo is tagged");
        assertThat(requests.find("toronto.ca", again).orElseThrow().location().hasPoint())
                .as("a place the city's address data does not know")
                .isFalse();
        assertThat(signedIn("swm").get("/staff/requests/" + again).body())
                .contains("Possible duplicates nearby", "Gold tags on the litter bin")
                .contains("Close this one as a duplicate of " + first);
    }

    @Test
    void aPossibleDuplicateNearbySaysWhereAndWhatAndClosesThisOneAsItsDuplicateInOneClick() {
        java.util.function.Function<String, String> tagsAtTheCorner =
                words -> requests.submit(new org.civic311.requests.NewServiceRequest(
                                null,
                                "SWLMALB-02",
                                new org.civic311.requests.Location(
                                        43.7625097, -79.4367503, "5 Wombat Lane", null, null),
                                words,
                                java.util.Map.of(),
                                java.util.List.of(),
                                java.util.List.of(),
                                org.civic311.requests.Reporter.anonymous(),
                                org.civic311.requests.Channel.WEB,
                                null))
                        .publicId();
        String first = tagsAtTheCorner.apply("Silver tags all over the litter bin at the wombat corner");
        String again = tagsAtTheCorner.apply("The bin at the corner is tagged");
        Http swm = signedIn("swm");
        assertThat(swm.get("/staff/requests/" + again).body())
                .contains("Possible duplicates nearby", "5 Wombat Lane", "Silver tags all over the litter bin")
                .contains("Close this one as a duplicate of " + first);
        swm.postForm(
                "/staff/requests/" + again + "/duplicate",
                java.util.List.of(
                        java.util.Map.entry("parent", first),
                        java.util.Map.entry("_csrf", swm.csrf("/staff/profile"))));
        assertThat(requests.find("toronto.ca", again).orElseThrow().duplicateOf())
                .isEqualTo(first);
        assertThat(swm.get("/staff/requests/" + first).body())
                .as("the first report says how many residents reported it again")
                .contains("Reported again as", ">" + again + "</a>", "(1 duplicate)");
    }

    private java.util.List<String> statusesOf(String... ids) {
        return jdbc.sql("select status_code from service_request where public_id in (:ids)")
                .param("ids", java.util.List.of(ids))
                .query(String.class)
                .list();
    }

    @Test
    void abuseInAReportIsFlaggedOnItsPageWithGuidanceAndMasked() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(43.6437614, -79.4194418, "1041 Queen St W", null, null),
                        "You useless idiots, the tags on this bin are still there",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.OPEN311,
                        null))
                .publicId();

        Http swm = signedIn("swm");
        assertThat(swm.get("/staff/requests/" + id).body())
                .contains("abuse-guidance", "Answer the problem,", "never repeat the words", "the tags on this bin")
                .doesNotContain("idiots");
        Http.Response without = swm.get("/staff/requests/" + Reports.binTagged(requests, null));
        assertThat(without.status())
                .as("a report without a description has nothing to flag")
                .isEqualTo(200);
        assertThat(without.body()).contains("No description.").doesNotContain("abuse-guidance");
    }

    @Test
    void anotherDepartmentsStaffReadTheProblemButNotWhoseItIs() {
        String id = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(43.6437614, -79.4194418, "1037 Queen St W", null, null),
                        "Tags on the bin again. Odile Brasseur, call 416-555-0174 if the crew needs me",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        new org.civic311.requests.Reporter("Odile", "Brasseur", null, "416-555-0174", null, null),
                        org.civic311.requests.Channel.PHONE,
                        null))
                .publicId();
        work.returnTo311(
                "toronto.ca",
                id,
                "Not a bin of ours: Odile at 416-555-0174 says it is the BIA's",
                new org.civic311.requests.Actor("swm", "console"));

        assertThat(signedIn("agent").get("/staff/requests/" + id).body())
                .as("311, whose queue it is now, reads it all")
                .contains("416-555-0174", "Brasseur");
        assertThat(signedIn("roads").get("/staff/requests/" + id).body())
                .as("roads read what the problem is and what happened, without the reporter's name or number")
                .contains("Tags on the bin again", "Not a bin of ours")
                .doesNotContain("416-555-0174", "Brasseur", "Odile");
    }

    @Test
    void supervisorsSeeTheOpenRequestsEscalatedToThemUntilTheyAreClosed() {
        String id = Reports.binTagged(requests, "Tags on the bin, long past its target");
        jdbc.sql(
                        """
                        with breached as (
                            update service_request set sla_state = 'BREACHED', supervisor_key = 'nabernathy'
                            where public_id = :id returning id, jurisdiction_id)
                        insert into request_escalation (request_id, jurisdiction_id, kind, person_key, at, reason)
                        select id, jurisdiction_id, 'SLA_BREACH', 'nabernathy', now(), 'Past its target'
                        from breached""")
                .param("id", id)
                .update();
        Http priya = signedIn("supervisor");

        assertThat(priya.get("/staff/escalations").body())
                .contains("Requests escalated to supervisors, still open", ">" + id + "<", "Past its target")
                .contains(">Nadia Abernathy<");
        assertThat(priya.get("/staff/dashboard").body()).contains("href=\"/staff/escalations#requests\"");
        assertThat(priya.get("/staff/requests/" + id).body())
                .contains("Area supervisor: Nadia Abernathy, Supervisor, Collections")
                .contains("SLA_BREACH → Nadia Abernathy: Past its target")
                .doesNotContain("nabernathy");
        assertThat(mine("jmarchetti")).as("escalated to someone else").doesNotContain(id);
        assertThat(signedIn("swm.manager").get("/staff/escalations").body())
                .as("but in the queue of the department Julian manages, so on his list all the same")
                .contains("Open requests of your department, escalated", ">" + id + "<", ">Nadia Abernathy<");
        // Another area supervisor of the department, not its manager: sees only what is theirs, or whom they stand in
        // for.
        if (directory.find("opetrescu.acct").isEmpty()) {
            directory.register(
                    new org.civic311.staff.StaffMember(
                            "opetrescu.acct",
                            "Olga Petrescu",
                            "Supervisor, Collections",
                            java.util.Set.of(org.civic311.staff.Role.DEPARTMENT_STAFF),
                            "toronto.ca",
                            "SWM",
                            "opetrescu"),
                    "civic311-demo");
        }
        assertThat(signedIn("opetrescu.acct").get("/staff/escalations").body())
                .as("escalated to a colleague")
                .doesNotContain(">" + id + "<");
        absences.away(
                "toronto.ca",
                "nabernathy",
                java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto")).plusDays(2),
                "opetrescu",
                "test");
        try {
            assertThat(signedIn("opetrescu.acct").get("/staff/escalations").body())
                    .as("while she is away, the one who stands in for her sees it")
                    .contains(">" + id + "<");
        } finally {
            absences.back("toronto.ca", "nabernathy", "test");
        }
        jdbc.sql(
                        """
                        with handed as (
                            update service_request set supervisor_key = 'jmarchetti'
                            where public_id = :id returning id, jurisdiction_id)
                        insert into request_escalation (request_id, jurisdiction_id, kind, person_key, at, reason)
                        select id, jurisdiction_id, 'REPEAT_PROBLEM', 'jmarchetti', now() + interval '1 second',
                            'Reported again'
                        from handed""")
                .param("id", id)
                .update();
        assertThat(mine("jmarchetti"))
                .as("escalated to them since, who answer for it now")
                .contains(id);
        assertThat(signedIn("swm.manager").get("/staff/escalations").body()).contains(">" + id + "<", "Repeat problem");
        assertThat(priya.get("/staff/requests/" + id).body())
                .as("the supervisor it is with now, not the first one it was escalated to")
                .contains("Area supervisor: Julian Marchetti, Manager, Collections Operations")
                .doesNotContain("Area supervisor: Nadia");
        jdbc.sql("update service_request set supervisor_key = 'nabernathy' where public_id = :id")
                .param("id", id)
                .update();
        assertThat(mine("jmarchetti"))
                .as("answered for by someone else again: no longer theirs, though it was last escalated to them")
                .doesNotContain(id);
        close(id);
        assertThat(priya.get("/staff/escalations").body()).doesNotContain(">" + id + "<");
    }

    @Autowired
    org.civic311.staff.StaffDirectory directory;

    /** The open escalated requests a person answers for themselves. */
    private java.util.List<String> mine(String personKey) {
        return work.openEscalations("toronto.ca", personKey, 500).stream()
                .map(e -> e.request().publicId())
                .toList();
    }

    @Test
    void aRepeatProblemHotspotOnTheDashboardLeadsToItsLatestReport() {
        Reports.binTagged(requests, "Tags on the bin again, first of three");
        Reports.binTagged(requests, "Tags on the bin again, second of three");
        String latest = Reports.binTagged(requests, "Tags on the bin again, third of three");

        assertThat(signedIn("supervisor").get("/staff/dashboard").body())
                .contains("href=\"/staff/requests/" + latest + "\"");
        assertThat(signedIn("swm.manager").get("/staff/reports").body())
                .as("and on the department manager's report, among their own department's")
                .contains("Repeat problems, last eight weeks", "href=\"/staff/requests/" + latest + "\"");
        assertThat(signedIn("supervisor").get("/staff/reports?department=TSRO").body())
                .as("another department's report lists none of Solid Waste's")
                .doesNotContain("href=\"/staff/requests/" + latest + "\"");
    }

    @Test
    void eachReasonOnARequestsPageIsNamedForItsFormAndANoteCannotBeWrittenPastWhatIsKept() {
        String id = Reports.binTagged(requests, "Tags on the lid and the side of the bin");
        String page = signedIn("swm").get("/staff/requests/" + id).body();
        // A screen reader's list of fields tells them apart; a refused reason is found by its name.
        assertThat(page)
                .contains(
                        "<label for=\"location-reason\">Why correct it</label>",
                        "<label for=\"type-reason\">Why another type</label>",
                        "<label for=\"transfer-reason\">Why transfer it</label>",
                        "<label for=\"not-ours-reason\">Why it is not ours</label>",
                        "<label for=\"public-description-reason\">Why correct it</label>",
                        "<label for=\"internal-note\">Internal note with the update</label>");
        // A longer note would be refused and, too long to carry back, lost.
        assertThat(page.split("<textarea").length - 1).isEqualTo(5);
        assertThat(page.split("<textarea[^>]*maxlength=\"4000\"").length - 1).isEqualTo(5);

        // Refused, a field is named as its label names it, not as the code does.
        Http luis = signedIn("swm");
        assertThat(post(luis, "/staff/requests/" + id + "/transfer", "department", "TSRO", "reason", " "))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .contains("Why transfer it is required")
                .doesNotContain("reason is required");
    }

    @Test
    void whatThePublicReadsOfADescriptionIsCorrectedWhileStaffKeepTheResidentsWords() {
        String id = Reports.binTagged(requests, "Tags on the bin; it was the Moreau boy from number 12 again");
        Http luis = signedIn("swm");

        assertThat(post(luis, "/staff/requests/" + id + "/public-description", "publicDescription", "Tags on the bin"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .as("refused without a reason, named as its label names it")
                .contains("Why correct it is required");
        assertThat(post(
                        luis,
                        "/staff/requests/" + id + "/public-description",
                        "publicDescription",
                        "Tags on the bin; call 416-555-0199",
                        "reason",
                        "names a neighbour"))
                .isEqualTo(302);
        assertThat(luis.get("/staff/requests/" + id).body())
                .as("checked as a public note is")
                .contains("The description the public reads contains 416-555-0199");

        assertThat(post(
                        luis,
                        "/staff/requests/" + id + "/public-description",
                        "publicDescription",
                        "Tags on the bin again",
                        "reason",
                        "names a neighbour's child"))
                .isEqualTo(302);

        assertThat(new Http(port).get("/open311/v2/requests/" + id + ".json").body())
                .contains("\"description\":\"Tags on the bin again\"")
                .doesNotContain("Moreau");
        String page = luis.get("/staff/requests/" + id).body();
        assertThat(page)
                .contains("it was the Moreau boy from number 12 again", "The public reads: Tags on the bin again");
        assertThat(work.record("toronto.ca", id).audit())
                .anySatisfy(a -> assertThat(a.toString()).contains("public description corrected"));
    }

    @Test
    void aRequestAboutSomeonesHomeIsMadePrivateFromItsPage() {
        String id = Reports.binTagged(requests, "Tags on the bin by my front door");
        Http luis = signedIn("swm");
        assertThat(luis.get("/staff/requests/" + id).body()).contains("Keep its place private (a home)");

        assertThat(post(luis, "/staff/requests/" + id + "/place", "private", "true"))
                .isEqualTo(302);

        assertThat(work.record("toronto.ca", id).request().locationPrivate()).isTrue();
        assertThat(new Http(port).get("/requests/" + id).body())
                .as("the public sees the area, not the point")
                .doesNotContain("43.6437614");
        assertThat(luis.get("/staff/requests/" + id).body()).contains("Show its point in public again");
        assertThat(post(signedIn("roads"), "/staff/requests/" + id + "/place", "private", "false"))
                .as("only the queue's own")
                .isEqualTo(403);
    }

    @Test
    void closedRequestsAreListedMostRecentlyClosedFirstAndEveryQueueIsPaged() {
        String first = Reports.binTagged(requests, "Tags on the bin, closed first");
        String second = Reports.binTagged(requests, "Tags on the bin, closed second");
        close(first);
        close(second);
        Http swm = signedIn("swm");
        String closed = swm.get("/staff/queues/SWM?status=completed").body();
        assertThat(closed.indexOf(">" + second + "<"))
                .as("the later closed first")
                .isPositive()
                .isLessThan(closed.indexOf(">" + first + "<"));

        String paged = swm.get("/staff/queues/SWM?status=completed&from=1").body();
        assertThat(paged).doesNotContain(">" + second + "<").contains(">" + first + "<");
        assertThat(paged).containsPattern("2–\\d+ of \\d+\\.");
        Http.Response negative = swm.get("/staff/queues/SWM?from=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("from must be from 0 to 100000");

        Http api = new Http(port).as("swm", "civic311-demo");
        assertThat(api.get("/api/v1/queues/SWM?status=completed&limit=1").body())
                .contains(second)
                .doesNotContain(first);
        assertThat(api.get("/api/v1/queues/SWM?status=completed&limit=1&offset=1")
                        .body())
                .contains(first)
                .doesNotContain(second);
        assertThat(api.get("/api/v1/queues/SWM?offset=-5").status()).isEqualTo(400);
    }

    @Test
    void thoseWhoSeeEveryQueueMoveBetweenThemAndDepartmentStaffKeepToTheirs() {
        Http supervisor = signedIn("supervisor");
        String page = supervisor.get("/staff/queues/311").body();
        assertThat(page).contains("Another queue", "value=\"SWM\"", "value=\"TO311\"");
        Http.Response chosen = supervisor.get("/staff/queues?department=SWM");
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/staff/queues/SWM");
        assertThat(supervisor.get("/staff/queues/SWM").body()).contains("Solid Waste");

        Http departmentStaff = signedIn("swm");
        assertThat(departmentStaff.get("/staff/queues/SWM").body()).doesNotContain("Another queue");
        assertThat(departmentStaff
                        .get("/staff/queues?department=TSRO")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/queues/TSRO"));
        assertThat(departmentStaff.get("/staff/queues/TSRO").status()).isEqualTo(403);
    }

    @Test
    void theCallScreenListsWhatTheCallerReportedAndAskedBeforeByTheirNumberHoweverWritten() {
        String reported = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(43.6525, -79.3835, "100 Queen St W", null, null),
                        "Stickers all over the litter bin, the caller's first report",
                        java.util.Map.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.named("Ada Caller", null, "+1 (416) 555-0177", null),
                        org.civic311.requests.Channel.PHONE,
                        null))
                .publicId();
        Http.Response asked = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        "{\"question\":\"Who takes stickers off the city's bins?\",\"consent\":true,"
                                + "\"callerName\":\"Ada Caller\",\"callerPhone\":\"416-555-0177\","
                                + "\"preferredChannel\":\"PHONE\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String reference = asked.body().replaceAll("(?s).*\"reference\"\\s*:\\s*\"(Q\\d+)\".*", "$1");
        Http agent = signedIn("agent");
        Http.Response started = agent.postForm(
                "/staff/contacts",
                java.util.List.of(
                        java.util.Map.entry("kind", "PHONE_CALL"),
                        java.util.Map.entry("_csrf", agent.csrf("/staff/contacts"))));
        String contact = java.net
                .URI
                .create(started.headers().firstValue("Location").orElseThrow())
                .getPath();
        assertThat(agent.get(contact).body()).doesNotContain("This caller before");

        assertThat(post(
                        agent,
                        contact,
                        "reason",
                        "The stickers are back on the bin",
                        "callerName",
                        "Ada Caller",
                        "callerPhone",
                        "416 555 0177",
                        "consent",
                        "on"))
                .isEqualTo(302);

        String page = agent.get(contact).body();
        assertThat(page).contains("This caller before", "/staff/requests/" + reported, "/staff/inquiries/" + reference);
        assertThat(page).contains("Who takes stickers off the city&#39;s bins?");

        // A suggested type chosen before saving: what was typed is saved with it, and the form opens on the type.
        Http.Response chosen = agent.postForm(
                contact,
                java.util.List.of(
                        java.util.Map.entry("reason", "The stickers are back on the bin, and the lid is broken"),
                        java.util.Map.entry("callerName", "Ada Caller"),
                        java.util.Map.entry("callerPhone", "416 555 0177"),
                        java.util.Map.entry("consent", "on"),
                        java.util.Map.entry("service", "SWLMALB-02"),
                        java.util.Map.entry("_csrf", agent.csrf(contact))));
        assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith(contact + "?service=SWLMALB-02");
        assertThat(agent.get(contact + "?service=SWLMALB-02").body())
                .contains("the lid is broken")
                .containsPattern("<option value=\"SWLMALB-02\"[^>]*selected");

        // From the call to the knowledge base and, finding nothing, to an inquiry: still the same call and caller.
        String id = contact.substring(contact.lastIndexOf('/') + 1);
        String knowledge = agent.get("/staff/knowledge?q=" + Http.encode("zorblat quuxfeld") + "&contact=" + id)
                .body();
        assertThat(knowledge)
                .contains("Nothing answers that.")
                .contains("/staff/inquiries/new?question=zorblat%20quuxfeld&amp;contact=" + id)
                .contains("name=\"contact\" value=\"" + id + "\"")
                .contains("href=\"/staff/contacts/" + id + "\"");
        assertThat(agent.get("/staff/inquiries/new?question=zorblat&contact=" + id)
                        .body())
                .as("the caller's details come along")
                .contains("Ada Caller");
        assertThat(agent.get("/staff/inquiries/new?question=" + Http.encode("The stickers are back") + "&contact=" + id)
                        .body())
                .as("the department is asked the caller's whole reason, not the words the search was given")
                .contains("The stickers are back on the bin, and the lid is broken");

        // A caller's long story, as the contact page passes it: its opening words are searched, not refused.
        String story = "My green bin was not picked up again this week ".repeat(10);
        Http.Response searched = agent.get("/staff/knowledge?q=" + Http.encode(story) + "&contact=" + id);
        assertThat(searched.status()).isEqualTo(200);
        assertThat(searched.body()).contains("What does the caller ask?").doesNotContain("My escalations</h1>");
        assertThat(agent.get("/staff/knowledge?q=" + Http.encode("1000 123")).body())
                .as("a number read out is a link to what it numbers, not a question")
                .contains("href=\"/staff/requests?number=1000123\"");
    }
}
