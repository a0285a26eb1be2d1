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
 * Administrators keep the ready answers staff close requests with, and who supervises each routing area, in the
 * console: the next closing note starts from the answer, the next escalation goes to the supervisor, and each change
 * is recorded. Both tests put the demo city back as it was, whatever fails.
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
}
