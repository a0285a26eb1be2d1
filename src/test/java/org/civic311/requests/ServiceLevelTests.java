package org.civic311.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.MutableClock;
import org.civic311.support.MutableClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Service level clocks, with time moved by the injected clock. */
@Civic311ClockTest
class ServiceLevelTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    @Autowired
    ServiceRequests requests;

    @Autowired
    ServiceLevelWatch watch;

    @Autowired
    RequestWork work;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.catalog.Catalog catalog;

    @BeforeEach
    void wednesdayMorning() {
        clock.set(MutableClockConfiguration.START);
    }

    String pothole() {
        return pothole(new Location(43.6534, -79.3841, "100 Queen St W", null, null));
    }

    String pothole(Location place) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "CSROWR-12",
                        place,
                        "Deep pothole in the curb lane",
                        Map.of("POTHOLE_SIZE", List.of("LARGE"), "LOCATION_ON_ROAD", List.of("CURB_LANE")),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.PHONE,
                        null))
                .publicId();
    }

    @Test
    void theDueTimeIsCountedInBusinessDaysOnTheCitysCalendar() {
        String id = pothole();
        ServiceRequest request = requests.find("toronto.ca", id).orElseThrow();
        // Wednesday 18 November 10:00 plus four working days: Tuesday 24 November 10:00.
        assertThat(request.expectedAt())
                .isEqualTo(ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, TORONTO).toInstant());
    }

    @Test
    void aRequestNearingItsTargetIsMarkedAndABreachIsEscalatedOnceToTheAreaSupervisor() {
        String id = pothole();
        watch.watch();
        assertThat(state(id)).isEqualTo("ON_TRACK");

        clock.set(ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, TORONTO).toInstant());
        watch.watch();
        assertThat(state(id)).isEqualTo("NEARING");

        clock.set(ZonedDateTime.of(2026, 11, 24, 10, 1, 0, 0, TORONTO).toInstant());
        watch.watch();
        assertThat(state(id)).isEqualTo("BREACHED");
        assertThat(escalations(id)).containsExactly("SLA_BREACH:ihalvorsen"); // road operations, Toronto & East York

        clock.advance(Duration.ofMinutes(5));
        watch.watch();
        assertThat(escalations(id)).hasSize(1);
    }

    @Test
    void aReopenedRequestIsDueTheTypesTimeFromItsReopeningNotItsFirstDueDate() {
        String id = pothole();
        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", "Patched.", null, org.civic311.catalog.Resolution.FIXED),
                new Actor("roads", "api"));

        // Monday 7 December, two weeks after it was first due: the patch failed.
        clock.set(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, TORONTO).toInstant());
        work.reopen("toronto.ca", id, "The patch has washed out.", new Actor("agent", "phone"));
        watch.watch();

        assertThat(requests.find("toronto.ca", id).orElseThrow().expectedAt())
                .as("four working days from the reopening")
                .isEqualTo(ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, TORONTO).toInstant());
        assertThat(state(id)).isEqualTo("ON_TRACK");
        assertThat(escalations(id)).isEmpty();

        // Its type corrected after the reopening: the new type's time also counts from the reopening.
        work.recategorise(
                "toronto.ca", id, "TSRO-ROAD-DEBRIS", "Asphalt debris, not a hole", new Actor("roads", "api"));
        watch.watch();
        assertThat(requests.find("toronto.ca", id).orElseThrow().expectedAt())
                .isAfter(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, TORONTO).toInstant());
        assertThat(escalations(id)).isEmpty();
    }

    @Test
    void aDueDayMovedByHandIsKeptWhenTheTypeIsCorrectedUnlessTheNewTypesIsLater() {
        String id = pothole();
        // Booked with the resident for a day after the four working days of a pothole.
        work.reschedule(
                "toronto.ca",
                id,
                java.time.LocalDate.of(2026, 12, 14),
                "Booked with the owner",
                null,
                new Actor("roads", "console"));
        Instant booked = requests.find("toronto.ca", id).orElseThrow().expectedAt();

        work.recategorise("toronto.ca", id, "TSRO-ROAD-DEBRIS", "Debris, not a hole", new Actor("roads", "console"));
        assertThat(requests.find("toronto.ca", id).orElseThrow().expectedAt())
                .as("the day promised stays")
                .isEqualTo(booked);

        String counted = pothole();
        work.recategorise(
                "toronto.ca", counted, "TSRO-ROAD-DEBRIS", "Debris, not a hole", new Actor("roads", "console"));
        assertThat(requests.find("toronto.ca", counted).orElseThrow().expectedAt())
                .as("a due day as counted is counted again by the new type: four hours from when it was made")
                .isEqualTo(ZonedDateTime.of(2026, 11, 18, 14, 0, 0, 0, TORONTO).toInstant());
    }

    @Test
    void aPeriodIsWatchedOnlyOnce() {
        clock.set(Instant.parse("2026-12-01T15:00:10Z"));
        watch.watch();
        // A request that passes its target while this minute's watch has already run.
        requests.importHistorical(
                "toronto.ca",
                List.of(new HistoricalRequest(
                        "LATE-1",
                        "CSROWR-12",
                        null,
                        null,
                        false,
                        null,
                        null,
                        null,
                        new Location(43.6534, -79.3841, null, null, null),
                        null,
                        Instant.parse("2026-11-20T15:00:00Z"),
                        null,
                        Instant.parse("2026-12-01T15:00:30Z"))));
        clock.set(Instant.parse("2026-12-01T15:00:50Z"));
        watch.watch();
        assertThat(state("LATE-1"))
                .as("the minute was claimed by the first run")
                .isEqualTo("ON_TRACK");

        clock.set(Instant.parse("2026-12-01T15:01:05Z"));
        watch.watch();
        assertThat(state("LATE-1")).isEqualTo("BREACHED");
        assertThat(escalations("LATE-1")).hasSize(1);
    }

    @Test
    void aRequestPastItsTargetIsEscalatedAgainToWhoeverAnswersForItNextAndLeavesTheListsOfThoseWhoNoLongerDo() {
        // Days of its own: the watch claims each minute once, whichever test runs it.
        clock.set(ZonedDateTime.of(2027, 1, 13, 10, 0, 0, 0, TORONTO).toInstant());
        String id = pothole(new Location(43.6608, -79.3957, "1 King's College Circle", null, null));
        clock.set(ZonedDateTime.of(2027, 1, 19, 10, 1, 0, 0, TORONTO).toInstant());
        watch.watch();
        String roads = supervisor(id);
        assertThat(escalations(id)).containsExactly("SLA_BREACH:" + roads);
        assertThat(reasons(id).getFirst())
                .as("the due time as the supervisor's city tells it")
                .endsWith("was due Tuesday 19 January 2027 at 10:00 AM EST");

        clock.advance(Duration.ofMinutes(10));
        work.transfer("toronto.ca", id, "SWM", "Debris from a bin, not a pothole", new Actor("roads", "api"));
        String collections = supervisor(id);
        assertThat(collections).isNotNull().isNotEqualTo(roads);
        assertThat(escalations(id))
                .as("the department it went to hears it is already late")
                .containsExactly("SLA_BREACH:" + roads, "SLA_BREACH:" + collections);
        assertThat(escalated(roads)).as("no longer theirs to answer for").doesNotContain(id);
        assertThat(escalated(collections)).contains(id);

        work.returnTo311("toronto.ca", id, "Not a bin of ours", new Actor("swm", "api"));
        String contactCentre = catalog.areaSupervisor("toronto.ca", "TO311", null);
        assertThat(supervisor(id))
                .as("while it waits with 311, the contact centre's supervisor answers for it")
                .isEqualTo(contactCentre);
        assertThat(escalations(id)).last().isEqualTo("SLA_BREACH:" + contactCentre);
        assertThat(escalated(collections)).doesNotContain(id);

        // A type with a later target: no longer past it, so on no one's list of escalations.
        work.recategorise(
                "toronto.ca", id, "TSRO-ROAD-DAMAGE", "A sunken road, ten days' work", new Actor("agent", "phone"));
        assertThat(state(id)).isEqualTo("ON_TRACK");
        assertThat(escalations(id)).hasSize(3);
        assertThat(escalated(null)).doesNotContain(id);
    }

    private String supervisor(String publicId) {
        return jdbc.sql("select supervisor_key from service_request where public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
    }

    private List<String> reasons(String publicId) {
        return jdbc.sql(
                        """
                        select e.reason from request_escalation e
                        join service_request r on r.id = e.request_id where r.public_id = :id order by e.id""")
                .param("id", publicId)
                .query(String.class)
                .list();
    }

    private List<String> escalated(@org.jspecify.annotations.Nullable String personKey) {
        return work.openEscalations("toronto.ca", personKey, 10_000).stream()
                .map(e -> e.request().publicId())
                .toList();
    }

    private String state(String publicId) {
        return jdbc.sql("select sla_state from service_request where public_id = :id")
                .param("id", publicId)
                .query(String.class)
                .single();
    }

    private List<String> escalations(String publicId) {
        return jdbc.sql(
                        """
                        select e.kind || ':' || coalesce(e.person_key, '-') from request_escalation e
                        join service_request r on r.id = e.request_id where r.public_id = :id order by e.id""")
                .param("id", publicId)
                .query(String.class)
                .list();
    }
}
