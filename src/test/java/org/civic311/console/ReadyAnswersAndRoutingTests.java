package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.CatalogEditor;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Administrators keep the ready answers staff close requests with, the routing rules and who supervises each routing
 * area, in the console: the next closing note starts from the answer, the next request goes where the rules say, the
 * next escalation goes to the supervisor, and each change is recorded. Each test puts the demo city back as it was,
 * whatever fails.
 */
@Civic311Test
class ReadyAnswersAndRoutingTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    CatalogEditor editor;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    Http admin() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        return admin;
    }

    static Http.Response post(Http desk, String path, String... fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(Map.entry(fields[i], fields[i + 1]));
        }
        form.add(Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postForm(path, form);
    }

    String startingNote(Http desk, String id) {
        return desk.header("HX-Request", "true")
                .get("/staff/requests/" + id + "/reply?resolution=FIXED")
                .body();
    }

    @Autowired
    org.civic311.requests.RequestWork work;

    @Test
    void staffReadHowFarAClosingNoteReachesBeforeAFollowersPostCutsIt() {
        String id = Reports.binTagged(requests, "Tags on the bin by the ferry docks");
        work.follow(
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.X,
                "1790000000000000123",
                "en",
                null,
                "cityfan",
                new org.civic311.requests.Actor("agent", "inbox"));
        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);
        assertThat(swm.get("/staff/requests/" + id).body())
                .contains("hx-post=\"/staff/requests/" + id + "/note-reach\"", "id=\"note-reach\"");

        String reason = "We cannot clean this bin ourselves. Here is why: "
                + "the bin on this corner belongs to the owner of the plaza, ".repeat(5)
                + "who has been asked to clean it by Friday.";
        Http htmx = swm.header("HX-Request", "true");
        assertThat(post(htmx, "/staff/requests/" + id + "/note-reach", "publicNote", reason)
                        .body())
                .as("the end of the reason does not reach X: staff read where it stops")
                .contains("On X, 1 follower reads it up to", "the rest is on the request")
                .doesNotContain("by Friday");
        assertThat(post(htmx, "/staff/requests/" + id + "/note-reach", "publicNote", "Cleaned this morning.")
                        .body())
                .doesNotContain("follower reads");
        Http roads = Http.browser(port);
        roads.signIn("roads", "civic311-demo", null);
        assertThat(post(
                                roads.header("HX-Request", "true"),
                                "/staff/requests/" + id + "/note-reach",
                                "publicNote",
                                reason)
                        .body())
                .as("who follows another department's request, and how, is not theirs to read")
                .doesNotContain("follower reads");
    }

    @Test
    void theNextClosingNoteStartsFromTheTypesReadyAnswerAndAResolutionHasOne() {
        String replies = "/staff/admin/catalogue/replies";
        Http admin = admin();
        String id = Reports.binTagged(requests, "Tags on the bin by the library");
        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);
        String everyType = startingNote(swm, id);
        try {
            Http.Response added = post(
                    admin,
                    replies,
                    "service",
                    "SWLMALB-02",
                    "resolution",
                    "FIXED",
                    "text",
                    "The tags are painted over.");
            assertThat(added.status()).as(added.body()).isEqualTo(302);
            assertThat(startingNote(swm, id)).contains("The tags are painted over.");

            Map<String, String[]> refusals = Map.of(
                    "FIXED already has a ready answer for SWLMALB-02",
                    new String[] {"service", "SWLMALB-02", "resolution", "FIXED", "text", "Again"},
                    "text must be plain text",
                    new String[] {"service", "SWLMALB-02", "resolution", "REFERRED", "text", "<b>Referred</b>"},
                    "is not a service type",
                    new String[] {"service", "NO-SUCH-TYPE", "resolution", "FIXED", "text", "Done"},
                    "resolution must be one of",
                    new String[] {"service", "", "resolution", "SOLVED", "text", "Done"});
            refusals.forEach((refusal, fields) -> {
                Http.Response refused = post(admin, replies, fields);
                assertThat(refused.status()).as(refusal).isEqualTo(400);
                assertThat(refused.body()).as(refusal).contains(refusal);
            });

            long answer = answerId();
            assertThat(post(
                                    admin,
                                    replies + "/" + answer,
                                    "service",
                                    "SWLMALB-02",
                                    "resolution",
                                    "FIXED",
                                    "text",
                                    "The crew painted over the tags today.")
                            .status())
                    .isEqualTo(302);
            assertThat(startingNote(swm, id)).contains("The crew painted over the tags today.");

            // Typed in a form, a ready answer keeps its CRLF; the note box sends LF. Still a ready answer, it is
            // replaced by the next resolution's; words staff wrote themselves are not.
            assertThat(post(
                                    admin,
                                    replies + "/" + answer,
                                    "service",
                                    "SWLMALB-02",
                                    "resolution",
                                    "FIXED",
                                    "text",
                                    "The crew painted over the tags.\r\nThank you for telling us.")
                            .status())
                    .isEqualTo(302);
            String asSent = Http.encode("The crew painted over the tags.\nThank you for telling us.");
            assertThat(swm.header("HX-Request", "true")
                            .get("/staff/requests/" + id + "/reply?resolution=REFERRED&publicNote=" + asSent)
                            .body())
                    .doesNotContain("The crew painted over the tags.");
            assertThat(swm.header("HX-Request", "true")
                            .get("/staff/requests/" + id + "/reply?resolution=FIXED&publicNote="
                                    + Http.encode("We came twice; the tags are gone."))
                            .body())
                    .contains("We came twice; the tags are gone.");
            assertThat(post(admin, replies + "/" + answer + "/remove").status()).isEqualTo(302);
            assertThat(startingNote(swm, id)).isEqualTo(everyType);
            assertThat(admin.get(replies).body()).contains("SWLMALB-02 FIXED", "added", "changed", "removed");

            Http agent = Http.browser(port);
            agent.signIn("agent", "civic311-demo", null);
            assertThat(agent.get(replies).status()).isEqualTo(403);
        } finally {
            jdbc.sql("delete from reply_template where service_code = 'SWLMALB-02'")
                    .update();
        }
    }

    long answerId() {
        return jdbc.sql("select id from reply_template where service_code = 'SWLMALB-02' and resolution = 'FIXED'")
                .query(Long.class)
                .single();
    }

    @Test
    void anAreaIsGivenAnotherSupervisorSoThatTheOneWhoLeavesCanBeTakenOut() {
        CatalogEditor.Routing ward4 = editor.routing("toronto.ca").stream()
                .filter(r -> "04".equals(r.rule().wardCode())
                        && r.rule().departmentCode().equals("SWM"))
                .findFirst()
                .orElseThrow();
        String before = ward4.rule().supervisorKey();
        String path = "/staff/admin/catalogue/routing/" + ward4.id() + "/supervisor";
        Http admin = admin();
        try {
            assertThat(admin.get("/staff/admin/catalogue/routing").body()).contains("everywhere", "ward 04");
            assertThat(post(admin, path, "supervisor", "ihalvorsen").status()).isEqualTo(302);
            assertThat(catalog.areaSupervisor("toronto.ca", "SWM", "04")).isEqualTo("ihalvorsen");

            Http.Response unknown = post(admin, path, "supervisor", "nobody-at-all");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("is not in the directory");

            assertThat(post(admin, path, "supervisor", "").status()).isEqualTo(302);
            assertThat(editor.routing("toronto.ca").stream()
                            .filter(r -> r.id() == ward4.id())
                            .findFirst()
                            .orElseThrow()
                            .rule()
                            .supervisorKey())
                    .isNull();
            assertThat(admin.get("/staff/admin/catalogue/routing").body())
                    .contains("supervisor “" + before + "” → “ihalvorsen”");
        } finally {
            editor.superviseArea("toronto.ca", ward4.id(), before, "test");
        }
    }

    @Test
    void aTypeIsRoutedElsewhereInOneWardUntilItsRuleIsTakenAway() {
        String routing = "/staff/admin/catalogue/routing";
        String ward = catalog.wardAt("toronto.ca", 43.6437614, -79.4194418)
                .orElseThrow()
                .code();
        Http admin = admin();
        try {
            Http.Response added = post(
                    admin,
                    routing,
                    "service",
                    "SWLMALB-02",
                    "ward",
                    ward,
                    "department",
                    "TS",
                    "dispatch",
                    "EMAIL",
                    "email",
                    "graffiti@contractor.example",
                    "supervisor",
                    "ihalvorsen");
            assertThat(added.status()).as(added.body()).isEqualTo(302);
            String elsewhere = Reports.binTagged(requests, "Tags on the bin by the library");
            assertThat(departmentOf(elsewhere)).isEqualTo("TS");
            assertThat(jdbc.sql(
                                    """
                                    select d.method || ' ' || d.target from request_dispatch d
                                    join service_request r on r.id = d.request_id where r.public_id = :id""")
                            .param("id", elsewhere)
                            .query(String.class)
                            .single())
                    .isEqualTo("EMAIL graffiti@contractor.example");
            assertThat(admin.get(routing).body()).contains("by email to graffiti@contractor.example");

            Map<String, String[]> refusals = Map.of(
                    "SWLMALB-02 in ward " + ward + " already has a rule",
                    new String[] {"service", "SWLMALB-02", "ward", ward, "department", "SWM", "dispatch", "QUEUE"},
                    "is not a ward",
                    new String[] {"service", "SWLMALB-02", "ward", "W-99", "department", "SWM", "dispatch", "QUEUE"},
                    "is not a department",
                    new String[] {"department", "NOPE", "dispatch", "QUEUE"},
                    "email is required to send requests by email",
                    new String[] {"service", "SWLMALB-02", "department", "TS", "dispatch", "EMAIL", "email", ""},
                    "endpoint must be an https:// address",
                    new String[] {
                        "service",
                        "SWLMALB-02",
                        "department",
                        "TS",
                        "dispatch",
                        "OPEN311",
                        "endpoint",
                        "http://open311.contractor.example/v2",
                        "externalCode",
                        "graffiti"
                    },
                    "is not in the directory",
                    new String[] {"department", "TS", "ward", ward, "dispatch", "QUEUE", "supervisor", "nobody"});
            refusals.forEach((refusal, fields) -> {
                Http.Response refused = post(admin, routing, fields);
                assertThat(refused.status()).as(refusal).isEqualTo(400);
                assertThat(refused.body()).as(refusal).contains(refusal);
            });

            // The contractor now takes them over Open311: changed in one step, the form filled in as the rule was.
            long before = ruleFor("SWLMALB-02");
            assertThat(admin.get(routing + "?change=" + before).body())
                    .contains("Change rule " + before, "name=\"replaces\" value=\"" + before + "\"")
                    .contains("value=\"graffiti@contractor.example\"");
            Http.Response changed = post(
                    admin,
                    routing,
                    "replaces",
                    String.valueOf(before),
                    "service",
                    "SWLMALB-02",
                    "ward",
                    ward,
                    "department",
                    "TS",
                    "dispatch",
                    "OPEN311",
                    "endpoint",
                    "https://open311.contractor.example/v2",
                    "externalCode",
                    "graffiti",
                    "apiKey",
                    "contractor-key-1");
            assertThat(changed.status()).as(changed.body()).isEqualTo(302);
            assertThat(editor.routing("toronto.ca").stream()
                            .filter(r -> "SWLMALB-02".equals(r.rule().serviceCode()))
                            .map(r -> r.rule().dispatch())
                            .toList())
                    .as("one rule for the area, never none")
                    .singleElement()
                    .isEqualTo(new org.civic311.catalog.Dispatch.Open311(
                            "https://open311.contractor.example/v2", "contractor-key-1", "graffiti"));
            // Changed again with the key left empty: the key it had for the same server stays.
            long open311 = ruleFor("SWLMALB-02");
            post(
                    admin,
                    routing,
                    "replaces",
                    String.valueOf(open311),
                    "service",
                    "SWLMALB-02",
                    "ward",
                    ward,
                    "department",
                    "TS",
                    "dispatch",
                    "OPEN311",
                    "endpoint",
                    "https://open311.contractor.example/v2",
                    "externalCode",
                    "graffiti-tags",
                    "supervisor",
                    "ihalvorsen");
            assertThat(editor.routing("toronto.ca").stream()
                            .filter(r -> "SWLMALB-02".equals(r.rule().serviceCode()))
                            .map(r -> r.rule().dispatch())
                            .toList())
                    .singleElement()
                    .isEqualTo(new org.civic311.catalog.Dispatch.Open311(
                            "https://open311.contractor.example/v2", "contractor-key-1", "graffiti-tags"));

            long rule = ruleFor("SWLMALB-02");
            assertThat(post(admin, routing + "/" + rule + "/remove").status()).isEqualTo(302);
            assertThat(departmentOf(elsewhere)).as("a routed request stays").isEqualTo("TS");
            assertThat(departmentOf(Reports.binTagged(requests, "More tags on the bin")))
                    .isEqualTo("SWM");
            assertThat(admin.get(routing).body())
                    .contains("SWLMALB-02 in ward " + ward + " added: sent to TS by email", "removed");

            Http agent = Http.browser(port);
            agent.signIn("agent", "civic311-demo", null);
            assertThat(post(agent, routing, "department", "TS", "dispatch", "QUEUE")
                            .status())
                    .isEqualTo(403);
        } finally {
            editor.routing("toronto.ca").stream()
                    .filter(r -> "SWLMALB-02".equals(r.rule().serviceCode()))
                    .forEach(r -> editor.removeRoutingRule("toronto.ca", r.id(), "test"));
        }
    }

    @Test
    void aTypesRuleWithoutASupervisorIsAnsweredForByTheAreasSupervisorAsATransferWouldBe() {
        Http admin = admin();
        try {
            assertThat(post(
                                    admin,
                                    "/staff/admin/catalogue/routing",
                                    "service",
                                    "SWM-MISSED-GREEN-BIN",
                                    "ward",
                                    "04",
                                    "department",
                                    "SWM",
                                    "dispatch",
                                    "QUEUE")
                            .status())
                    .isEqualTo(302);
            org.civic311.catalog.ServiceType greenBin =
                    catalog.serviceType("toronto.ca", "SWM-MISSED-GREEN-BIN").orElseThrow();

            assertThat(catalog.route("toronto.ca", greenBin, "04").supervisorKey())
                    .isNotNull()
                    .isEqualTo(catalog.areaSupervisor("toronto.ca", "SWM", "04"));
        } finally {
            editor.routing("toronto.ca").stream()
                    .filter(r -> "SWM-MISSED-GREEN-BIN".equals(r.rule().serviceCode()))
                    .forEach(r -> editor.removeRoutingRule("toronto.ca", r.id(), "test"));
        }
    }

    String departmentOf(String publicId) {
        return jdbc.sql("select department_code from service_request where public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
    }

    long ruleFor(String serviceCode) {
        return editor.routing("toronto.ca").stream()
                .filter(r -> serviceCode.equals(r.rule().serviceCode()))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
