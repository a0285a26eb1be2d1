package org.civic311.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Xml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The feed of public updates a relaying client reads (FixMyStreet's {@code servicerequestupdates}): what staff said
 * in public, each with the status it left the request in, by span.
 */
@Civic311Test
class UpdatesFeedTests {

    @LocalServerPort
    int port;

    @Autowired
    RequestWork work;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Open311Fixture open311;

    @BeforeEach
    void client() {
        open311 = new Open311Fixture(port);
    }

    @Test
    void aClosedRequestSaysHowItEndedForClientsThatWouldReadClosedAsFixed() {
        String id = open311.createRealtime();
        work.transition(
                "toronto.ca",
                id,
                new Transition(
                        "completed",
                        "This lane belongs to the hydro corridor.",
                        null,
                        Resolution.NOT_CITY_RESPONSIBILITY),
                new Actor("roads", "console"));
        JsonNode request = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0);
        assertThat(request.get("extended_attributes").get("resolution").asString())
                .isEqualTo("not_city_responsibility");
        var xml = Xml.parse(
                open311.get("/v2/requests/" + id + ".xml?extensions=true").body());
        assertThat(Xml.text(xml, "/service_requests/request/extended_attributes/resolution"))
                .isEqualTo("not_city_responsibility");
    }

    @Test
    void aRelayingClientReadsWhatCameOfTheReportsItSentWithTheStatusEachLeftThemIn() {
        Instant before = Instant.now().minusSeconds(1);
        String id = open311.createRealtime();
        Actor crew = new Actor("roads", "console");
        work.transition("toronto.ca", id, new Transition("in_progress", "A crew is on its way.", null, null), crew);
        work.addNote("toronto.ca", id, "The crew found a mattress and a chair.", true, crew);
        work.addNote("toronto.ca", id, "Blocking lane two, crew called.", false, crew);
        work.transition(
                "toronto.ca", id, new Transition("completed", "Cleared and taken away.", null, Resolution.FIXED), crew);
        String span = "start_date=" + before.truncatedTo(ChronoUnit.SECONDS) + "&end_date="
                + Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);

        Http.Response xml = open311.get("/v2/servicerequestupdates.xml?" + span);
        assertThat(xml.status()).as(xml.body()).isEqualTo(200);
        var document = Xml.parse(xml.body());
        String mine = "/service_request_updates/request_update[service_request_id='" + id + "']";
        assertThat(Xml.texts(document, mine + "/description"))
                .as("the public notes in order, never the internal one")
                .containsSubsequence(
                        "A crew is on its way.", "The crew found a mattress and a chair.", "Cleared and taken away.")
                .doesNotContain("Blocking lane two, crew called.");
        assertThat(Xml.texts(document, mine + "/status")).endsWith("open", "open", "closed");
        assertThat(Xml.texts(document, mine + "/external_status_code"))
                .endsWith("in_progress", "in_progress", "completed");
        assertThat(Xml.texts(document, mine + "/update_id"))
                .doesNotHaveDuplicates()
                .allMatch(u -> u.matches("\\d+"));

        JsonNode json = Open311Fixture.json(open311.get("/v2/servicerequestupdates.json?" + span));
        JsonNode last = null;
        for (JsonNode update : json) {
            if (update.get("service_request_id").asString().equals(id)) {
                last = update;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.get("status").asString()).isEqualTo("closed");
        assertThat(last.get("description").asString()).isEqualTo("Cleared and taken away.");
        assertThat(last.get("updated_datetime").asString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
    }

    @Test
    void aClosedRequestIsUpdatedWhenItClosedEvenAfterACrewsPhotoIsAdded() {
        String id = open311.createRealtime();
        Actor crew = new Actor("roads", "console");
        work.transition("toronto.ca", id, new Transition("completed", "Cleared.", null, Resolution.FIXED), crew);
        // Closed an hour ago, rather than waiting for the clock: the field is written to the second.
        jdbc.sql("update service_request set closed_at = closed_at - interval '1 hour',"
                        + " updated_at = updated_at - interval '1 hour' where public_id = :id")
                .param("id", id)
                .update();
        String closed = updated(id);
        work.addPhoto("toronto.ca", id, org.civic311.support.Images.png(8, 8), true, crew);
        assertThat(updated(id)).isEqualTo(closed);
        JsonNode extended = Open311Fixture.json(open311.get("/v2/requests/" + id + ".json?extensions=true"))
                .get(0)
                .get("extended_attributes");
        assertThat(Instant.parse(extended.get("last_changed").asString()))
                .as("what updated_after selects by: the photo's change, an hour after the closing")
                .isAfter(Instant.parse(closed).plusSeconds(3000));
    }

    @Test
    void aNoteCorrectedAfterTheClientReadItIsServedAgainInTheSpanOfTheCorrection() {
        String id = open311.createRealtime();
        Actor crew = new Actor("roads", "console");
        work.addNote("toronto.ca", id, "The crew comes on Mondya.", true, crew);
        long note = jdbc.sql("select n.id from request_note n join service_request r on r.id = n.request_id"
                        + " where r.public_id = :id and n.text = 'The crew comes on Mondya.'")
                .param("id", id)
                .query(Long.class)
                .single();
        // Read by the client two hours ago, as it was then.
        jdbc.sql("update request_note set noted_at = noted_at - interval '2 hours' where id = :id")
                .param("id", note)
                .update();
        Instant correcting = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        work.correctPublicNote("toronto.ca", id, note, "The crew comes on Monday.", "Typo", crew);

        JsonNode json = Open311Fixture.json(open311.get("/v2/servicerequestupdates.json?start_date=" + correcting
                + "&end_date=" + Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS)));
        JsonNode corrected = null;
        for (JsonNode update : json) {
            if (update.get("update_id").asString().startsWith(note + "-c")) {
                corrected = update;
            }
        }
        assertThat(corrected)
                .as("served again in the hour it changed, under an id of its own: a client that keeps each id once"
                        + " would never read the correction under the first")
                .isNotNull();
        assertThat(corrected.get("description").asString()).isEqualTo("The crew comes on Monday.");
        assertThat(Instant.parse(corrected.get("updated_datetime").asString())).isAfterOrEqualTo(correcting);
    }

    private String updated(String id) {
        return Open311Fixture.json(open311.get("/v2/requests/" + id + ".json"))
                .get(0)
                .get("updated_datetime")
                .asString();
    }

    @Test
    void aSpanLongerThanNinetyDaysOrBackwardsIsRefusedByName() {
        Http.Response tooLong = open311.get(
                "/v2/servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("may not be more than 90 days after start_date");
        Http.Response backwards = open311.get(
                "/v2/servicerequestupdates.xml?start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(Xml.text(Xml.parse(backwards.body()), "/errors/error/description"))
                .contains("end_date is before start_date");
    }
}
