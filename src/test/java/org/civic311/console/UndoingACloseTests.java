package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A close made by mistake is undone: the request is back as it was, held, due and escalated as before, and its
 * followers hear it is open again. A reopening, for a problem that came back, starts the type's time again instead.
 */
@Civic311Test
class UndoingACloseTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    JdbcClient jdbc;

    private final Actor luis = new Actor("swm", "console");

    @Test
    void aCloseMadeByMistakeIsUndoneWithItsHolderDueDateAndBreachAsTheyWere() {
        String id = Reports.binTagged(requests, "Tags on the bin, closed instead of the one beside it");
        work.assign("toronto.ca", id, "Crew 7", luis);
        work.transition("toronto.ca", id, new Transition("in_progress", null, null, null), luis);
        // Past its target: the department answers for the breach.
        jdbc.sql("update service_request set sla_state = 'BREACHED' where public_id = :id")
                .param("id", id)
                .update();
        String dueBefore = row(id, "expected_at::text");
        work.transition(
                "toronto.ca", id, new Transition("completed", "Cleaned this morning.", null, Resolution.FIXED), luis);
        // A word to the resident after the close: the close is still the change undone.
        work.addNote("toronto.ca", id, "The crew will check it again on Friday.", true, luis);

        Http swm = Http.browser(port);
        swm.signIn("swm", "civic311-demo", null);
        assertThat(swm.get("/staff/requests/" + id).body()).contains("Closed by mistake?", "id=\"undo-close\"");
        Http.Response undone = swm.postForm(
                "/staff/requests/" + id + "/undo-close",
                List.of(Map.entry("publicNote", ""), Map.entry("_csrf", swm.csrf("/staff/profile"))));
        assertThat(undone.status()).as(undone.body()).isEqualTo(302);
        assertThat(swm.get("/staff/requests/" + id).body())
                .contains("The close of request " + id + " is undone")
                .doesNotContain("id=\"undo-close\"");

        assertThat(row(id, "status_code || ' ' || closed || ' ' || coalesce(resolution, '-') || ' ' || assignee"))
                .isEqualTo("in_progress false - Crew 7");
        assertThat(row(id, "expected_at::text")).as("due as before").isEqualTo(dueBefore);
        assertThat(row(id, "sla_state"))
                .as("still past its target, and escalated for it")
                .isEqualTo("BREACHED");
        assertThat(row(id, "status_notes")).isEqualTo("Status changed to In progress.");
        assertThat(jdbc.sql(
                                """
                                select a.detail from request_audit a join service_request r on r.id = a.request_id
                                where r.public_id = :id and a.action = 'close undone'""")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("completed → in_progress");
        assertThat(new Http(port).get("/requests/" + id).body().split("Status changed to In progress\\.", -1))
                .as("the public reads that it is open again: a second line, after the first change to it")
                .hasSize(3);

        assertThatThrownBy(() -> work.undoClose("toronto.ca", id, null, luis))
                .hasMessageContaining("is open: there is no close to undo");
    }

    @Test
    void aCloseDaysAgoOrAsADuplicateIsReopenedInsteadAndAnotherQueueMayNotUndoIt() {
        String late = Reports.binTagged(requests, "Tags on the bin, closed last week");
        work.transition("toronto.ca", late, new Transition("completed", "Cleaned.", null, Resolution.FIXED), luis);
        jdbc.sql("update service_request set closed_at = now() - interval '4 days' where public_id = :id")
                .param("id", late)
                .update();
        assertThatThrownBy(() -> work.undoClose("toronto.ca", late, null, luis))
                .hasMessageContaining("closed more than 3 days ago: reopen it with a note to the resident instead");

        String original = Reports.binTagged(requests, "Tags on the bin, reported first");
        String repeat = Reports.binTagged(requests, "Tags on the bin, reported again");
        work.markDuplicate("toronto.ca", repeat, original, luis);
        assertThatThrownBy(() -> work.undoClose("toronto.ca", repeat, null, luis))
                .hasMessageContaining("was closed as a duplicate")
                .hasMessageContaining("reopen it instead");

        String fresh = Reports.binTagged(requests, "Tags on the bin, closed by Luis");
        work.transition("toronto.ca", fresh, new Transition("completed", "Cleaned.", null, Resolution.FIXED), luis);
        Http roads = Http.browser(port);
        roads.signIn("roads", "civic311-demo", null);
        assertThat(roads.postForm(
                                "/staff/requests/" + fresh + "/undo-close",
                                List.of(Map.entry("_csrf", roads.csrf("/staff/profile"))))
                        .status())
                .isEqualTo(403);
        assertThat(row(fresh, "closed::text")).isEqualTo("true");
    }

    private String row(String id, String expression) {
        return jdbc.sql("select " + expression + " from service_request where public_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
