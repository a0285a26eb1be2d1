package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.civic311.catalog.BusinessCalendar;
import org.civic311.catalog.Catalog;
import org.civic311.catalog.Department;
import org.civic311.catalog.Jurisdiction;
import org.civic311.catalog.JurisdictionDefinition;
import org.civic311.catalog.Person;
import org.civic311.catalog.PersonRole;
import org.civic311.catalog.RequestStatus;
import org.civic311.inquiries.CallbackPromiseBroken;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A broken callback promise reaches the supervisor of the department the city names as its contact centre, whatever
 * the city calls it; a city that names none is not alerted, rather than someone else's supervisor being. Its cities
 * live in an application of their own, without the demo city, so that no other test meets them.
 */
@Civic311Test
@TestPropertySource(properties = {"civic311.demo.enabled=false", "spring.application.name=contact-centre-tests"})
class ContactCentreAlertTests {

    @Autowired
    Catalog catalog;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    static JurisdictionDefinition city(String id, String contactCentre) {
        Jurisdiction jurisdiction = new Jurisdiction(
                id,
                "Riverton",
                ZoneId.of("America/Chicago"),
                null,
                contactCentre,
                List.of(new RequestStatus("open", "Open", false, true), new RequestStatus("done", "Done", true, false)),
                BusinessCalendar.weekdays());
        return new JurisdictionDefinition(
                jurisdiction,
                List.of(
                        new Department(id, "CALLS", "Riverton 311", null, null, null),
                        new Department(id, "PW", "Public Works", null, null, null)),
                List.of(
                        new Person(
                                id,
                                "lnguyen",
                                "Linh Nguyen",
                                "311 Supervisor",
                                "CALLS",
                                PersonRole.SUPERVISOR,
                                "555-0100",
                                "lnguyen@" + id),
                        new Person(
                                id,
                                "pwsup",
                                "Pat Wood",
                                "Public Works Supervisor",
                                "PW",
                                PersonRole.SUPERVISOR,
                                "555-0101",
                                "pwsup@" + id)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    void breakPromise(long promiseId, String jurisdictionId) {
        transaction.executeWithoutResult(status -> events.publishEvent(new CallbackPromiseBroken(
                promiseId,
                jurisdictionId,
                "INQ-" + promiseId,
                "pwsup",
                "agent",
                Instant.parse("2026-11-20T15:00:00Z"))));
    }

    List<String> recipients(long promiseId) {
        return jdbc.sql("select recipient from notification where idempotency_key = :k")
                .param("k", "promise-broken:" + promiseId)
                .query(String.class)
                .list();
    }

    @Test
    void aBrokenPromiseReachesTheSupervisorOfTheContactCentreTheCityNames() {
        catalog.define(city("riverton.example", "CALLS"));
        breakPromise(880_001, "riverton.example");
        await().atMost(Duration.ofSeconds(20)).until(() -> !recipients(880_001).isEmpty());
        assertThat(recipients(880_001)).containsExactly("lnguyen@riverton.example");
        assertThat(jdbc.sql("select body_text from notification where idempotency_key = 'promise-broken:880001'")
                        .query(String.class)
                        .single())
                .as("the deadline as the city keeps time")
                .contains("was due Friday 20 November 2026 at 9:00 AM CST");
    }

    @Test
    void aCityThatNamesNoContactCentreAlertsNobodyElse() {
        catalog.define(city("lakeside.example", null));
        breakPromise(880_002, "lakeside.example");
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(880_002));
        assertThat(recipients(880_002)).isEmpty();
    }

    /** Whether every listener has handled the broken promise's event. */
    boolean handled(long promiseId) {
        return jdbc.sql(
                        """
                        select count(*) > 0 and count(*) filter (where completion_date is null) = 0
                        from event_publication
                        where event_type like '%CallbackPromiseBroken' and serialized_event like :promise""")
                .param("promise", "%\"promiseId\":" + promiseId + ",%")
                .query(Boolean.class)
                .single();
    }
}
