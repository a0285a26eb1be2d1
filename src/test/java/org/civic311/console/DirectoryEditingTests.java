package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Administrators keep departments and the people directory in the console: a new office with its manager, a
 * manager's new number given to the next caller promised a callback, every change recorded with who made it, and bad
 * input refused by name.
 */
@Civic311Test
class DirectoryEditingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

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

    static Http.Response person(Http admin, String path, String key, String phone, String... more) {
        List<String> fields = new ArrayList<>(List.of(
                "key",
                key,
                "name",
                "Rei Tanaka",
                "title",
                "Manager, Public Art",
                "department",
                "ARTS",
                "role",
                "MANAGER",
                "phone",
                phone,
                "email",
                "rtanaka@city.example"));
        for (int i = 0; i < more.length; i += 2) {
            fields.set(fields.indexOf(more[i]) + 1, more[i + 1]);
        }
        return post(admin, path, fields.toArray(String[]::new));
    }

    private int alerts(String key) {
        return jdbc.sql("select count(*) from notification where idempotency_key = :k")
                .param("k", key)
                .query(Integer.class)
                .single();
    }

    /** A callback promised on behalf of a person of the directory: the number the caller is given. */
    String promisedFallback(String personKey) {
        Http agent = new Http(port).as("agent", "civic311-demo");
        Http.Response inquiry = agent.postJson(
                "/api/v1/inquiries",
                """
                {"question":"Who restores the mural under the Gardiner?","callerName":"Ana Silva",
                 "callerPhone":"416-555-0190","consent":true,"preferredChannel":"PHONE"}""");
        assertThat(inquiry.status()).as(inquiry.body()).isEqualTo(201);
        String reference = JSON.readTree(inquiry.body()).get("reference").asString();
        Http.Response promised = agent.postJson(
                "/api/v1/inquiries/" + reference + "/escalations",
                "{\"person\":\"" + personKey + "\",\"deadline\":\""
                        + Instant.now().plusSeconds(7200) + "\"}");
        assertThat(promised.status()).as(promised.body()).isEqualTo(201);
        JsonNode promise = JSON.readTree(promised.body());
        return promise.get("fallbackContact").asString();
    }

    @Autowired
    org.civic311.catalog.Absences absences;

    @Test
    void aStandInWhoLeavesHandsTheAbsenceTheyCoverAndItsCallbacksToTheirSuccessor() {
        Http admin = admin();
        person(admin, "/staff/admin/catalogue/people", "p.onleave", "416-555-0411", "department", "SWM");
        person(admin, "/staff/admin/catalogue/people", "p.covering", "416-555-0412", "department", "SWM");
        person(admin, "/staff/admin/catalogue/people", "p.next", "416-555-0413", "department", "SWM");
        absences.away(
                "toronto.ca",
                "p.onleave",
                java.time.LocalDate.now(java.time.ZoneId.of("America/Toronto")).plusDays(5),
                "p.covering",
                "test");
        assertThat(promisedFallback("p.onleave"))
                .as("the caller is given the number of whoever is at the desk")
                .isEqualTo("416-555-0412");
        assertThat(post(admin, "/staff/admin/catalogue/people/p.covering/remove")
                        .status())
                .as("the absence would be left uncovered")
                .isEqualTo(400);

        Http.Response handed = post(admin, "/staff/admin/catalogue/people/p.covering/hand-over", "to", "p.next");

        assertThat(handed.status()).as(handed.body()).isEqualTo(302);
        assertThat(absences.of("toronto.ca", "p.onleave").orElseThrow().standIn())
                .isEqualTo("p.next");
        assertThat(jdbc.sql("select stand_in from callback_promise where person_key = 'p.onleave'")
                        .query(String.class)
                        .list())
                .containsOnly("p.next");
        long covered = jdbc.sql("select id from callback_promise where person_key = 'p.onleave'")
                .query(Long.class)
                .single();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-covered:" + covered + ":p.next") == 1);
        assertThat(post(admin, "/staff/admin/catalogue/people/p.covering/remove")
                        .status())
                .isEqualTo(302);
    }

    @Test
    void aDepartmentAddedByMistakeIsRemovedButOneThatAnythingNamesStays() {
        Http admin = admin();
        String departments = "/staff/admin/catalogue/departments";
        assertThat(post(admin, departments, "code", "TYPO1", "name", "Pubilc Works (typo)")
                        .status())
                .isEqualTo(302);
        Http.Response removed = post(admin, departments + "/TYPO1/remove");
        assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        assertThat(admin.get(departments + "/TYPO1").status()).isEqualTo(404);
        assertThat(admin.get("/staff/catalogue").body()).contains("removed (Pubilc Works (typo))");
        assertThat(post(admin, departments + "/TYPO1/remove").status()).isEqualTo(404);

        Reports.binTagged(requests, "Tags on the bin at the corner");
        Http.Response named = post(admin, departments + "/SWM/remove");
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body())
                .contains(
                        "is still named by",
                        "service types",
                        "people of the directory",
                        "routing rules",
                        "knowledge articles",
                        "staff accounts",
                        "routed to it",
                        "change only its name");
        Http.Response contactCentre = post(admin, departments + "/TO311/remove");
        assertThat(contactCentre.status()).isEqualTo(400);
        assertThat(contactCentre.body()).contains("contact centre: its catalogue file names another first");
        assertThat(admin.get(departments + "/SWM").status()).isEqualTo(200);

        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(post(agent, departments + "/SWM/remove").status()).isEqualTo(403);
    }

    @Test
    void aNewOfficeWithItsManagerAndAManagersNewNumberGivenToTheNextCaller() {
        Http admin = admin();
        Http.Response office = post(
                admin,
                "/staff/admin/catalogue/departments",
                "code",
                "ARTS",
                "name",
                "Public Art Office",
                "email",
                "art@city.example",
                "phone",
                "416-555-0400",
                "manager",
                "");
        assertThat(office.status()).as(office.body()).isEqualTo(302);
        assertThat(office.headers().firstValue("Location").orElseThrow())
                .endsWith("/staff/admin/catalogue/departments/ARTS");
        Http.Response added = person(admin, "/staff/admin/catalogue/people", "rtanaka", "416-555-0401");
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        Http.Response managed = post(
                admin,
                "/staff/admin/catalogue/departments/ARTS",
                "name",
                "Public Art Office",
                "email",
                "art@city.example",
                "phone",
                "416-555-0400",
                "manager",
                "rtanaka");
        assertThat(managed.status()).as(managed.body()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/departments/ARTS").body())
                .contains("manager “” → “rtanaka”", "added");
        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get("/staff/catalogue").body())
                .contains("Public Art Office", "Rei Tanaka, 416-555-0401")
                .doesNotContain("Add a person");

        assertThat(promisedFallback("rtanaka")).isEqualTo("416-555-0401");

        Http.Response moved = person(admin, "/staff/admin/catalogue/people/rtanaka", "ignored", "416-555-0499");

        assertThat(moved.status()).as(moved.body()).isEqualTo(302);
        assertThat(promisedFallback("rtanaka")).isEqualTo("416-555-0499");
        assertThat(admin.get("/staff/admin/catalogue/people/rtanaka").body())
                .as("the key of an entry never changes, and the change is recorded")
                .contains("phone “416-555-0401” → “416-555-0499”", "admin");
        assertThat(admin.get("/staff/catalogue").body()).contains("rtanaka", "phone “416-555-0401” → “416-555-0499”");
    }

    @Test
    void someoneWhoLeftIsRemovedOnceNothingNeedsThemAndTheirAccountLetsGoOfTheEntry() {
        Http admin = admin();
        assertThat(person(admin, "/staff/admin/catalogue/people", "p.leaving", "416-555-0402", "department", "SWM")
                        .status())
                .isEqualTo(302);
        assertThat(post(
                                admin,
                                "/staff/admin/catalogue/departments",
                                "code",
                                "LEAVE",
                                "name",
                                "Office of Departures",
                                "manager",
                                "p.leaving")
                        .status())
                .isEqualTo(302);
        assertThat(post(
                                admin,
                                "/staff/admin/accounts",
                                "username",
                                "r.tanaka",
                                "displayName",
                                "Rei Tanaka",
                                "title",
                                "Manager",
                                "role",
                                "DEPARTMENT_MANAGER",
                                "department",
                                "SWM",
                                "person",
                                "p.leaving")
                        .status())
                .isEqualTo(200);

        Http.Response needed = post(admin, "/staff/admin/catalogue/people/p.leaving/remove");
        assertThat(needed.status()).isEqualTo(400);
        assertThat(needed.body()).contains("Rei Tanaka manages Office of Departures: name another manager there first");

        assertThat(post(
                                admin,
                                "/staff/admin/catalogue/departments/LEAVE",
                                "name",
                                "Office of Departures",
                                "manager",
                                "")
                        .status())
                .isEqualTo(302);
        assertThat(person(admin, "/staff/admin/catalogue/people", "p.owed", "416-555-0403", "department", "SWM")
                        .status())
                .isEqualTo(302);
        promisedFallback("p.owed");
        Http.Response owed = post(admin, "/staff/admin/catalogue/people/p.owed/remove");
        assertThat(owed.status()).isEqualTo(400);
        assertThat(owed.body()).contains("owes 1 promised callback: hand that work to someone else first");

        Http.Response removed = post(admin, "/staff/admin/catalogue/people/p.leaving/remove");

        assertThat(removed.status()).as(removed.body()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/people/p.leaving").status())
                .isEqualTo(404);
        assertThat(admin.get("/staff/catalogue").body())
                .contains("Rei Tanaka is no longer in the directory.", "removed from the directory (Rei Tanaka)");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        admin.get("/staff/admin/accounts").body())
                .contains("directory entry p.leaving removed from the directory")
                .doesNotContain("Directory: p.leaving"));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.civic311.requests.RequestWork work;

    @Test
    void whatSomeoneWhoLeftWasResponsibleForIsHandedToASuccessorInOneStep() {
        Http admin = admin();
        person(admin, "/staff/admin/catalogue/people", "p.handing", "416-555-0404", "department", "SWM");
        person(
                admin,
                "/staff/admin/catalogue/people",
                "p.taking",
                "416-555-0405",
                "department",
                "SWM",
                "name",
                "Ada Ng");
        post(
                admin,
                "/staff/admin/catalogue/departments",
                "code",
                "HAND",
                "name",
                "Office of Handovers",
                "manager",
                "p.handing");
        // Each page the forms lead to, read: its message is not left waiting for the next page of the same address.
        for (Http.Response created : List.of(
                admin.get("/staff/admin/catalogue/people/p.handing"),
                admin.get("/staff/admin/catalogue/people/p.taking"),
                admin.get("/staff/admin/catalogue/departments/HAND"))) {
            assertThat(created.status()).isEqualTo(200);
        }
        promisedFallback("p.handing");
        // A second callback whose deadline passed unmade: broken, and its caller waits all the more.
        promisedFallback("p.handing");
        jdbc.sql(
                        """
                        update callback_promise set state = 'BROKEN', deadline = now() - interval '1 hour'
                        where id = (select max(id) from callback_promise where person_key = 'p.handing')""")
                .update();
        String escalated = Reports.binTagged(requests, "Tags on the bin, escalated to someone who is leaving");
        jdbc.sql("update service_request set supervisor_key = 'p.handing', sla_state = 'BREACHED'"
                        + " where public_id = :id")
                .param("id", escalated)
                .update();
        jdbc.sql(
                        """
                        insert into request_escalation (request_id, jurisdiction_id, kind, person_key, at, reason)
                        select id, 'toronto.ca', 'SLA_BREACH', 'p.handing', now(), 'past its target'
                        from service_request where public_id = :id""")
                .param("id", escalated)
                .update();
        assertThat(post(admin, "/staff/admin/catalogue/people/p.handing/remove").status())
                .isEqualTo(400);

        Http.Response handed = post(admin, "/staff/admin/catalogue/people/p.handing/hand-over", "to", "p.taking");

        assertThat(handed.status()).as(handed.body()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/catalogue/people/p.handing").body())
                .contains("Handed over: 1 department managed, ", "1 open request", "2 promised callbacks")
                .contains("handed over to Ada Ng");
        assertThat(jdbc.sql("select supervisor_key from service_request where public_id = :id")
                        .param("id", escalated)
                        .query(String.class)
                        .single())
                .isEqualTo("p.taking");
        assertThat(jdbc.sql(
                                """
                                select a.detail from request_audit a join service_request r on r.id = a.request_id
                                where r.public_id = :id and a.action = 'supervisor handed over'""")
                        .param("id", escalated)
                        .query(String.class)
                        .list())
                .containsExactly("p.handing → p.taking");
        assertThat(jdbc.sql(
                                """
                                select string_agg(state, ',' order by state) from callback_promise
                                where person_key = 'p.taking' and called_back_at is null""")
                        .query(String.class)
                        .single())
                .as("the broken one too: still owed")
                .isEqualTo("BROKEN,PENDING");
        // The successor is told of each, since the warning before a deadline may have gone to the one who left.
        List<Long> handedOver = jdbc.sql("select id from callback_promise where person_key = 'p.taking'")
                .query(Long.class)
                .list();
        for (long promise : handedOver) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> alerts("promise-handed-over:" + promise + ":p.taking") == 1);
        }
        assertThat(jdbc.sql(
                                """
                                select recipient || ' | ' || subject || ' | ' || body_text from notification
                                where idempotency_key = :k""")
                        .param("k", "promise-handed-over:" + handedOver.getFirst() + ":p.taking")
                        .query(String.class)
                        .single())
                .startsWith("rtanaka@city.example | Callback handed over to you: inquiry ")
                .contains("Rei Tanaka has handed over their work", "It is yours to make by ");

        assertThat(work.openEscalations("toronto.ca", "p.taking", 50))
                .as("the successor sees the escalated request in their list")
                .extracting(e -> e.request().publicId())
                .contains(escalated);
        assertThat(post(admin, "/staff/admin/catalogue/people/p.handing/remove").status())
                .as("nothing needs them any more")
                .isEqualTo(302);
        assertThat(post(admin, "/staff/admin/catalogue/people/p.taking/hand-over", "to", "p.taking")
                        .status())
                .isEqualTo(400);
        assertThat(post(admin, "/staff/admin/catalogue/people/p.taking/hand-over", "to", "nobody.here")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void badInputIsRefusedByNameAndOnlyAdministratorsKeepTheDirectory() {
        Http admin = admin();
        Map<String, Http.Response> refusals = Map.of(
                "Code “SWM” is already a department",
                post(admin, "/staff/admin/catalogue/departments", "code", "SWM", "name", "Again"),
                "Manager “nobody” is not in the directory",
                post(admin, "/staff/admin/catalogue/departments", "code", "NEW1", "name", "New", "manager", "nobody"),
                "Email must be an email address",
                post(admin, "/staff/admin/catalogue/departments", "code", "NEW2", "name", "New", "email", "not mail"),
                "Key “jmarchetti” is already in the directory",
                person(admin, "/staff/admin/catalogue/people", "jmarchetti", "416-555-0401", "department", "SWM"),
                "Phone must be a phone number",
                person(admin, "/staff/admin/catalogue/people", "p.one", "call me", "department", "SWM"),
                "Department “NOPE” is not a department",
                person(admin, "/staff/admin/catalogue/people", "p.two", "416-555-0401", "department", "NOPE"),
                "Responsible as must be one of",
                person(
                        admin,
                        "/staff/admin/catalogue/people",
                        "p.three",
                        "416-555-0401",
                        "department",
                        "SWM",
                        "role",
                        "BOSS"),
                "Name must be plain text",
                person(
                        admin,
                        "/staff/admin/catalogue/people",
                        "p.four",
                        "416-555-0401",
                        "department",
                        "SWM",
                        "name",
                        "<img src=x onerror=alert(1)>"));
        refusals.forEach((refusal, refused) -> {
            assertThat(refused.status()).as(refusal).isEqualTo(400);
            assertThat(refused.body()).as(refusal).contains(refusal).doesNotContain("<img src=x");
        });
        assertThat(admin.get("/staff/admin/catalogue/people/jmarchetti").body())
                .as("an entry whose key was offered again is left as it was")
                .contains("Julian Marchetti");
        assertThat(admin.get("/staff/admin/catalogue/people/p.one").status()).isEqualTo(404);
        assertThat(admin.get("/staff/admin/catalogue/departments/NOPE").status())
                .isEqualTo(404);

        Http agent = Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get("/staff/admin/catalogue/people/new").status()).isEqualTo(403);
        assertThat(post(agent, "/staff/admin/catalogue/departments", "code", "X", "name", "X")
                        .status())
                .isEqualTo(403);
    }
}
