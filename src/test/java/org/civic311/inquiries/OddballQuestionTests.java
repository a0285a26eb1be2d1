package org.civic311.inquiries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.Http;
import org.civic311.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Story 2: a caller's oddball question, escalated to the department manager with a callback promise "by 2:00 pm
 * today", kept, and followed up two days later by the first agent. Time moves by the injected clock.
 */
@Civic311ClockTest
class OddballQuestionTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    PromiseWatch watch;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.catalog.Catalog catalog;

    @Autowired
    org.civic311.catalog.Absences absences;

    Http agent;
    Http manager;
    Http supervisor;

    @BeforeEach
    void morning() {
        clock.set(ZonedDateTime.of(2026, 11, 18, 10, 15, 0, 0, TORONTO).toInstant());
        agent = new Http(port).as("agent", "civic311-demo");
        manager = new Http(port).as("swm.manager", "civic311-demo");
        supervisor = new Http(port).as("supervisor", "civic311-demo");
    }

    JsonNode json(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    String inquiry(String question) {
        return json(
                        agent.postJson(
                                "/api/v1/inquiries",
                                JSON.writeValueAsString(java.util.Map.of(
                                        "question", question,
                                        "callerName", "Dorothy Lam",
                                        "callerPhone", "416-555-0177",
                                        "consent", true,
                                        "preferredChannel", "PHONE",
                                        "department", "SWM"))),
                        201)
                .get("reference")
                .asString();
    }

    long escalate(String reference, ZonedDateTime deadline) {
        JsonNode promise = json(
                agent.postJson(
                        "/api/v1/inquiries/" + reference + "/escalations",
                        "{\"person\":\"jmarchetti\",\"deadline\":\"" + deadline.toInstant() + "\"}"),
                201);
        // The caller is given the manager's direct number as a fallback.
        assertThat(promise.get("fallbackContact").asString()).isNotBlank();
        assertThat(promise.get("channel").asString()).isEqualTo("PHONE");
        return promise.get("id").asLong();
    }

    @Test
    void onlyThePersonPromisedRecordsTheCallbackAndOnlyTheFirstAgentClosesTheFollowUpBesideTheirOverseers() {
        String reference = inquiry("Can I have the noise readings of the transfer station for last summer?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 14, 0, 0, 0, TORONTO));
        Http departmentStaff = new Http(port).as("swm", "civic311-demo");
        Http otherAgent = new Http(port).as("agent2", "civic311-demo");
        String outcome = "{\"outcome\":\"Called back.\"}";

        // Department staff read no caller's details, neither through the inquiry nor another person's queue.
        assertThat(departmentStaff.get("/api/v1/inquiries/" + reference).status())
                .isEqualTo(403);
        assertThat(departmentStaff.get("/api/v1/escalations?person=jmarchetti").status())
                .isEqualTo(403);
        // A callback promised for the manager is theirs to record.
        assertThat(departmentStaff
                        .postJson("/api/v1/callbacks/" + promise + "/outcome", outcome)
                        .status())
                .isEqualTo(403);
        assertThat(otherAgent
                        .postJson("/api/v1/callbacks/" + promise + "/outcome", outcome)
                        .status())
                .isEqualTo(403);

        // The manager's queue says whom to call, and on which number.
        JsonNode mine = json(manager.get("/api/v1/escalations"), 200).values().stream()
                .filter(p -> p.get("inquiryReference").asString().equals(reference))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("callerName").asString()).isEqualTo("Dorothy Lam");
        assertThat(mine.get("callerContact").asString()).isEqualTo("416-555-0177");
        json(manager.postJson("/api/v1/callbacks/" + promise + "/outcome", outcome), 200);

        clock.advance(Duration.ofDays(2));
        long followUp = json(agent.get("/api/v1/followups"), 200).values().stream()
                .filter(f -> f.get("inquiryReference").asString().equals(reference))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        String done = "{\"reached\":true,\"resolution\":\"Reached.\",\"satisfaction\":5}";
        // Another agent neither reads nor closes the first agent's follow-ups; their supervisor reads them.
        assertThat(otherAgent.get("/api/v1/followups?owner=agent").status()).isEqualTo(403);
        assertThat(otherAgent
                        .postJson("/api/v1/followups/" + followUp + "/complete", done)
                        .status())
                .isEqualTo(403);
        assertThat(supervisor.get("/api/v1/followups?owner=agent").status()).isEqualTo(200);
        json(agent.postJson("/api/v1/followups/" + followUp + "/complete", done), 200);
    }

    @Autowired
    Inquiries inquiries;

    @Test
    void aCallbackPromisedLateOnAFridayIsDueInWorkingHoursOnMonday() {
        clock.set(ZonedDateTime.of(2026, 11, 20, 15, 0, 0, 0, TORONTO).toInstant());
        org.civic311.catalog.Person manager =
                catalog.person("toronto.ca", "jmarchetti").orElseThrow();

        // Four working hours: 15:00 to the 16:30 close, then Monday from 8:30.
        assertThat(inquiries.usualDeadline(manager))
                .isEqualTo(ZonedDateTime.of(2026, 11, 23, 11, 0, 0, 0, TORONTO).toInstant());
    }

    Http desk(String username) {
        Http desk = Http.browser(port);
        assertThat(desk.signIn(username, "civic311-demo", null).status()).isEqualTo(302);
        return desk;
    }

    @Test
    void anEscalationRefusedComesBackAsTheAgentWasMakingItNotWithAnotherPersonChosen() {
        String reference = inquiry("Can the collection truck skip our lane while the road is dug up?");
        Http desk = desk("agent");
        Http.Response refused = desk.postForm(
                "/staff/inquiries/" + reference + "/escalations",
                java.util.List.of(
                        java.util.Map.entry("person", "nabernathy"),
                        java.util.Map.entry("deadline", "2026-11-17T09:00"),
                        java.util.Map.entry("channel", "EMAIL"),
                        java.util.Map.entry("fallbackContact", "416-392-0000"),
                        java.util.Map.entry("_csrf", desk.csrf("/staff/profile"))));
        assertThat(refused.status()).isEqualTo(302);
        String page = desk.get("/staff/inquiries/" + reference).body();
        assertThat(page)
                .contains("id=\"form-error\"")
                .containsPattern("<option value=\"nabernathy\"\\s+selected")
                .doesNotContainPattern("<option value=\"jmarchetti\"\\s+selected")
                .contains("value=\"2026-11-17T09:00\"", "value=\"416-392-0000\"")
                .containsPattern("<option value=\"EMAIL\"\\s+selected");
    }

    @Test
    void aCallbackPromisedOutsideWorkingHoursIsRefusedOnceAndPromisedWhenTheAgentSendsItAgain() {
        clock.set(ZonedDateTime.of(2026, 11, 18, 10, 0, 0, 0, TORONTO).toInstant());
        String reference = inquiry("Will the depot take a fridge on a Saturday morning?");
        Http desk = desk("agent");
        java.util.function.Function<Boolean, Http.Response> promise = anyway -> {
            var form = new java.util.ArrayList<>(java.util.List.of(
                    java.util.Map.entry("person", "nabernathy"),
                    java.util.Map.entry("deadline", "2026-11-21T10:00"),
                    java.util.Map.entry("_csrf", desk.csrf("/staff/profile"))));
            if (anyway) {
                form.add(java.util.Map.entry("outsideHours", "2026-11-21T10:00"));
            }
            return desk.postForm("/staff/inquiries/" + reference + "/escalations", form);
        };
        assertThat(promise.apply(false).status()).isEqualTo(302);
        assertThat(desk.get("/staff/inquiries/" + reference).body())
                .contains("falls outside the city&#39;s working hours (Saturday 21 November, 10:00)")
                .contains("<input type=\"hidden\" name=\"outsideHours\" value=\"2026-11-21T10:00\">")
                .contains("Promise it anyway, at that time")
                .contains("value=\"2026-11-21T10:00\"");
        assertThat(inquiries.find("toronto.ca", reference).promises()).isEmpty();

        assertThat(promise.apply(true).status()).isEqualTo(302);
        assertThat(inquiries.find("toronto.ca", reference).promises())
                .singleElement()
                .satisfies(p -> assertThat(p.deadline())
                        .isEqualTo(ZonedDateTime.of(2026, 11, 21, 10, 0, 0, 0, TORONTO)
                                .toInstant()));
    }

    @Test
    void aQuestionTheKnowledgeBaseCouldNotAnswerIsListedForItsEditorsWithTheAnswerItsCallbackBrought() {
        String reference = inquiry("Are the transfer station's scales certified every year?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 16, 0, 0, 0, TORONTO));
        json(
                manager.postJson(
                        "/api/v1/callbacks/" + promise + "/outcome",
                        "{\"outcome\":\"Yes, each spring, by Measurement Canada.\"}"),
                200);

        assertThat(desk("supervisor").get("/staff/knowledge/articles").body())
                .contains(reference, "scales certified every year", "Measurement Canada", "Write an article from it");
        assertThat(desk("supervisor")
                        .get("/staff/knowledge/articles/new?from=" + reference)
                        .body())
                .as("the article starts from the question and the answer")
                .contains("Are the transfer station&#39;s scales certified every year?")
                .contains("Yes, each spring, by Measurement Canada.");
        assertThat(desk("swm.manager").get("/staff/knowledge/articles").body())
                .as("a manager reads their own department's")
                .contains(reference);
        assertThat(desk("swm").get("/staff/knowledge/articles").body())
                .as("callers' words are not every colleague's to read")
                .doesNotContain(reference);
        assertThat(desk("swm")
                        .get("/staff/knowledge/articles/new?from=" + reference)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAnswerSharedAsAnArticleLeavesTheCallerOutOfIt() {
        String reference = inquiry("Dorothy Lam at 416-555-0177 asks: is the leaf depot open on Sundays?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 16, 0, 0, 0, TORONTO));
        json(
                manager.postJson(
                        "/api/v1/callbacks/" + promise + "/outcome",
                        "{\"outcome\":\"Told Dorothy (dorothy.lam@example.org): yes, 8 to 4 until December;"
                                + " swm@demo.civic311.org or 416-555-0102 for the holidays.\",\"shareAsArticle\":true}"),
                200);

        String draft = jdbc.sql(
                        """
                        select v.title || ' | ' || v.body from knowledge_article_version v
                        join knowledge_article a on a.id = v.article_id
                        where :keyword = any(a.keywords)""")
                .param("keyword", "inquiry " + reference)
                .query(String.class)
                .single();
        assertThat(draft)
                .contains("is the leaf depot open on Sundays?", "yes, 8 to 4 until December")
                .as("the city's own address and number are the answer, and stay")
                .contains("swm@demo.civic311.org or 416-555-0102 for the holidays.")
                .doesNotContain("Dorothy", "Lam", "416-555-0177", "dorothy.lam@example.org");
        assertThat(desk("supervisor")
                        .get("/staff/knowledge/articles/new?from=" + reference)
                        .body())
                .as("nor does the article an editor starts from the question")
                .contains("is the leaf depot open on Sundays?")
                .doesNotContain("Dorothy", "416-555-0177", "dorothy.lam@example.org");
    }

    @Test
    void aPromiseIsKeptAndTheFirstAgentFollowsUpAndClosesTheInquiry() {
        String reference = inquiry("Does the city keep records of which collection truck served my street in 1998?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 14, 0, 0, 0, TORONTO));

        // The manager is told at once, with the question and the deadline, not only when the deadline nears.
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-made:" + promise) == 1);
        assertThat(jdbc.sql("select body_text from notification where idempotency_key = :k")
                        .param("k", "promise-made:" + promise)
                        .query(String.class)
                        .single())
                .contains("promised that you would call the caller back by")
                .contains("/staff/escalations")
                .as("the caller's words stay in the console, which erasure reaches")
                .doesNotContain("which collection truck served my street in 1998");

        // The manager sees it in a personal queue, soonest deadline first.
        JsonNode queue = json(manager.get("/api/v1/escalations"), 200);
        assertThat(queue.values())
                .extracting(p -> p.get("inquiryReference").asString())
                .contains(reference);

        // At 1:35 pm nothing is recorded: the manager is alerted.
        clock.set(ZonedDateTime.of(2026, 11, 18, 13, 35, 0, 0, TORONTO).toInstant());
        watch.watch();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-nearing:" + promise) == 1);

        clock.set(ZonedDateTime.of(2026, 11, 18, 13, 50, 0, 0, TORONTO).toInstant());
        JsonNode kept = json(
                manager.postJson(
                        "/api/v1/callbacks/" + promise + "/outcome",
                        "{\"outcome\":\"Our systems do not track that; one possible way needs more information from"
                                + " the caller.\",\"shareAsArticle\":true}"),
                200);
        assertThat(kept.get("state").asString()).isEqualTo("KEPT");
        assertThat(json(manager.get("/api/v1/escalations"), 200).values())
                .extracting(p -> p.get("inquiryReference").asString())
                .doesNotContain(reference);

        // Two days later the follow-up is back with the first agent.
        clock.advance(Duration.ofDays(2));
        JsonNode followUps = json(agent.get("/api/v1/followups"), 200);
        JsonNode followUp = followUps.values().stream()
                .filter(f -> f.get("inquiryReference").asString().equals(reference))
                .findFirst()
                .orElseThrow();
        JsonNode closed = json(
                agent.postJson(
                        "/api/v1/followups/" + followUp.get("id").asLong() + "/complete",
                        "{\"reached\":true,\"resolution\":\"The manager called; the caller will send the details by"
                                + " email.\",\"satisfaction\":4}"),
                200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("satisfaction").asInt()).isEqualTo(4);

        // The answer became a draft article for the knowledge base.
        assertThat(jdbc.sql("select count(*) from knowledge_article where status = 'DRAFT' and :ref = any(keywords)")
                        .param("ref", "inquiry " + reference)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPromiseStillPendingMinutesBeforeItsDeadlineAlertsTheManagerAndThenTheSupervisor() {
        String reference = inquiry("Who decides the order in which streets are swept in the spring?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 16, 0, 0, 0, TORONTO));
        String supervisorEmail = catalog.person("toronto.ca", catalog.areaSupervisor("toronto.ca", "TO311", null))
                .orElseThrow()
                .email();

        clock.set(ZonedDateTime.of(2026, 11, 18, 15, 35, 0, 0, TORONTO).toInstant());
        watch.watch();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-nearing:" + promise) == 1);
        assertThat(alerts("promise-at-risk:" + promise))
                .as("not yet the supervisor")
                .isZero();

        clock.set(ZonedDateTime.of(2026, 11, 18, 15, 52, 0, 0, TORONTO).toInstant());
        watch.watch();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-at-risk:" + promise) == 1);
        assertThat(jdbc.sql("select recipient from notification where idempotency_key = :k")
                        .param("k", "promise-at-risk:" + promise)
                        .query(String.class)
                        .single())
                .isEqualTo(supervisorEmail);
        String manager =
                catalog.person("toronto.ca", "jmarchetti").orElseThrow().name();
        assertThat(jdbc.sql("select body_text from notification where idempotency_key in (:k)")
                        .param("k", java.util.List.of("promise-nearing:" + promise, "promise-at-risk:" + promise))
                        .query(String.class)
                        .list())
                .as("people are named as their colleagues know them, not by their directory keys")
                .anySatisfy(body -> assertThat(body).startsWith("311 promised on your behalf"))
                .anySatisfy(body -> assertThat(body).contains("on behalf of " + manager, "though " + manager))
                .noneSatisfy(body -> assertThat(body).contains("jmarchetti"));

        clock.advance(Duration.ofMinutes(1));
        watch.watch();
        assertThat(alerts("promise-at-risk:" + promise)).as("alerted once").isEqualTo(1);
    }

    @Test
    void theSupervisorSeesEveryCallbackStillOwedSoonestFirstBeforeAnyAlert() {
        String later = inquiry("May a community group borrow the city's event barricades for a street party?");
        String sooner = inquiry("Who repaints the faded crosswalk lines outside the library?");
        escalate(later, ZonedDateTime.of(2026, 11, 20, 15, 0, 0, 0, TORONTO));
        long kept = escalate(sooner, ZonedDateTime.of(2026, 11, 19, 11, 0, 0, 0, TORONTO));
        String page = desk("supervisor").get("/staff/escalations").body();
        String owed = page.substring(page.indexOf("<h2 id=\"owed\">"), page.indexOf("Broken promises"));
        assertThat(owed)
                .contains("Julian Marchetti")
                .as("soonest deadline first")
                .containsSubsequence(">" + sooner + "<", ">" + later + "<");
        assertThat(desk("supervisor").get("/staff/dashboard").body()).contains("href=\"/staff/escalations#owed\"");
        assertThat(desk("swm.manager").get("/staff/escalations").body())
                .as("a manager sees their own callbacks, not everyone's")
                .doesNotContain("Callbacks still owed");

        json(manager.postJson("/api/v1/callbacks/" + kept + "/outcome", "{\"outcome\":\"Called back.\"}"), 200);
        page = desk("supervisor").get("/staff/escalations").body();
        assertThat(page.substring(page.indexOf("<h2 id=\"owed\">"), page.indexOf("Broken promises")))
                .doesNotContain(">" + sooner + "<")
                .contains(">" + later + "<");
    }

    @Test
    void whileAManagerIsAwayTheirStandInIsProposedHearsOfTheCallbacksOwedInTheirNameAndMakesThem() {
        Http admin = desk("admin");
        String csrf = admin.csrf("/staff/admin/catalogue/people/jmarchetti");
        Http.Response recorded = admin.postForm(
                "/staff/admin/catalogue/people/jmarchetti/away",
                java.util.List.of(
                        java.util.Map.entry("_csrf", csrf),
                        java.util.Map.entry("until", "2026-11-27"),
                        java.util.Map.entry("standIn", "nabernathy")));
        try {
            assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
            assertThat(admin.get("/staff/admin/catalogue/people/jmarchetti").body())
                    .contains("Away until 2026-11-27; Nadia Abernathy stands in.");
            String reference = inquiry("Can a school borrow recycling bins for a fun fair?");
            assertThat(desk("agent").get("/staff/inquiries/" + reference).body())
                    .contains("Julian Marchetti is away until 2026-11-27: Nadia Abernathy stands in.")
                    .containsPattern("<option value=\"nabernathy\"\\s+selected");
        } finally {
            absences.back("toronto.ca", "jmarchetti", "test");
        }

        // Nadia away now, Julian standing in: a promise made in her name is his to hear of and to make, and one
        // already owed when she left becomes his too.
        String earlier = inquiry("Are bins collected on the ferry docks?");
        long owedBefore = json(
                        agent.postJson(
                                "/api/v1/inquiries/" + earlier + "/escalations",
                                "{\"person\":\"nabernathy\",\"deadline\":\""
                                        + ZonedDateTime.of(2026, 11, 19, 16, 0, 0, 0, TORONTO)
                                                .toInstant() + "\"}"),
                        201)
                .get("id")
                .asLong();
        absences.away("toronto.ca", "nabernathy", java.time.LocalDate.of(2026, 11, 20), "jmarchetti", "test");
        try {
            assertThatThrownBy(() -> absences.away(
                            "toronto.ca", "jmarchetti", java.time.LocalDate.of(2026, 11, 20), "schowdhury", "test"))
                    .as("whoever stands in is not away at the same time, or no one covers Nadia")
                    .hasMessageContaining("stands in for Nadia Abernathy");
            assertThat(absences.stillNeeds("toronto.ca", "jmarchetti")).contains("stands in for 1 person away");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> alerts("promise-covered:" + owedBefore + ":jmarchetti") == 1);
            assertThat(jdbc.sql("select recipient || ' ' || subject from notification where idempotency_key = :k")
                            .param("k", "promise-covered:" + owedBefore + ":jmarchetti")
                            .query(String.class)
                            .single())
                    .as("the callback she already owed is told to him too")
                    .isEqualTo(catalog.person("toronto.ca", "jmarchetti")
                                    .orElseThrow()
                                    .email() + " Callback owed while Nadia Abernathy is away: inquiry " + earlier);
            String reference = inquiry("Who empties the bins at the ferry docks in winter?");
            JsonNode promise = json(
                    agent.postJson(
                            "/api/v1/inquiries/" + reference + "/escalations",
                            "{\"person\":\"nabernathy\",\"deadline\":\""
                                    + ZonedDateTime.of(2026, 11, 23, 16, 0, 0, 0, TORONTO)
                                            .toInstant() + "\"}"),
                    201);
            long id = promise.get("id").asLong();
            assertThat(promise.get("fallbackContact").asString())
                    .as("the caller is given the number of whoever is at the desk")
                    .isEqualTo(catalog.person("toronto.ca", "jmarchetti")
                            .orElseThrow()
                            .phone());
            String julian =
                    catalog.person("toronto.ca", "jmarchetti").orElseThrow().email();
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-made-stand-in:" + id) == 1);
            assertThat(jdbc.sql("select recipient from notification where idempotency_key = :k")
                            .param("k", "promise-made-stand-in:" + id)
                            .query(String.class)
                            .single())
                    .isEqualTo(julian);
            assertThat(desk("swm.manager").get("/staff/escalations").body())
                    .contains("You stand in for Nadia Abernathy, away until 2026-11-20")
                    .contains("Promised on behalf of Nadia Abernathy, for whom you stand in")
                    .contains("Inquiry " + reference, "Inquiry " + earlier);
            json(
                    manager.postJson(
                            "/api/v1/callbacks/" + owedBefore + "/outcome", "{\"outcome\":\"Yes, twice a week.\"}"),
                    200);
            // Past her last day away, nobody pressed "back": Julian covers no one and may leave the directory.
            clock.set(ZonedDateTime.of(2026, 11, 21, 9, 0, 0, 0, TORONTO).toInstant());
            assertThat(absences.stillNeeds("toronto.ca", "jmarchetti")).isEmpty();
        } finally {
            absences.back("toronto.ca", "nabernathy", "test");
        }
        // Her absence over, the callback due after it is still his to make.
        json(
                manager.postJson(
                        "/api/v1/callbacks/"
                                + jdbc.sql("select max(id) from callback_promise where stand_in = 'jmarchetti'")
                                        .query(Long.class)
                                        .single()
                                + "/outcome",
                        "{\"outcome\":\"Parks staff, daily.\"}"),
                200);
    }

    @Test
    void aPromisePastItsDeadlineIsBrokenAlertsTheSupervisorAndStaysListedUntilTheLateCallback() {
        String reference = inquiry("Can I rent the city's compost screener for a community garden?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 12, 0, 0, 0, TORONTO));

        clock.set(ZonedDateTime.of(2026, 11, 18, 12, 1, 0, 0, TORONTO).toInstant());
        watch.watch();
        assertThat(json(supervisor.get("/api/v1/callbacks/broken"), 200).values())
                .extracting(p -> p.get("id").asLong())
                .contains(promise);
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-broken:" + promise) == 1);
        assertThat(jdbc.sql("select body_text from notification where idempotency_key = :k")
                        .param("k", "promise-broken:" + promise)
                        .query(String.class)
                        .single())
                .as("leads to the inquiry itself")
                .contains("/staff/inquiries/" + reference);
        assertThat(jdbc.sql("select recipient from notification where idempotency_key = :k")
                        .param("k", "promise-broken:" + promise)
                        .query(String.class)
                        .single())
                .isEqualTo(catalog.person("toronto.ca", catalog.areaSupervisor("toronto.ca", "TO311", null))
                        .orElseThrow()
                        .email());

        clock.advance(Duration.ofMinutes(1));
        watch.watch();
        assertThat(alerts("promise-broken:" + promise)).as("alerted once").isEqualTo(1);
        assertThat(openFollowUps(reference))
                .as("the caller is not left to the department alone: it comes back to the agent who took it, once")
                .isEqualTo(1);
        Http desk = Http.browser(port);
        desk.signIn("agent", "civic311-demo", null);
        assertThat(desk.get("/staff/inquiries").body())
                .contains("Not called back: Julian Marchetti was to call by", "reach the caller yourself");

        JsonNode late = json(
                manager.postJson("/api/v1/callbacks/" + promise + "/outcome", "{\"outcome\":\"Called back late.\"}"),
                200);
        assertThat(late.toString()).contains("BROKEN");
        assertThat(json(supervisor.get("/api/v1/callbacks/broken"), 200).values())
                .extracting(p -> p.get("id").asLong())
                .doesNotContain(promise);
        assertThat(openFollowUps(reference))
                .as("the late callback adds nothing to the follow-up already waiting")
                .isEqualTo(1);
    }

    @Test
    void aBrokenPromiseEndsWithTheAgentReachingTheCallerOrWithTheInquiryClosedNeverLeftDueForEver() {
        String reached = inquiry("Who clears the snow from the bus shelter on Dundas?");
        String given = inquiry("Can the city lend barricades for a block party?");
        long firstPromise = escalate(reached, ZonedDateTime.of(2026, 11, 19, 14, 7, 0, 0, TORONTO));
        long secondPromise = escalate(given, ZonedDateTime.of(2026, 11, 19, 14, 7, 0, 0, TORONTO));
        // Minutes of its own: the watch runs once a minute, and the other tests' minutes are theirs.
        clock.set(ZonedDateTime.of(2026, 11, 19, 14, 8, 0, 0, TORONTO).toInstant());
        watch.watch();
        clock.advance(Duration.ofMinutes(1));
        watch.watch();
        // Each comes back to Sam, as a broken promise does.
        await().atMost(Duration.ofSeconds(20)).until(() -> openFollowUps(reached) == 1 && openFollowUps(given) == 1);

        // Sam reaches the first caller: the follow-up closes the inquiry, the promise broken on the record.
        long followUp = json(agent.get("/api/v1/followups"), 200).values().stream()
                .filter(f -> f.get("inquiryReference").asString().equals(reached))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
        JsonNode closed = json(
                agent.postJson(
                        "/api/v1/followups/" + followUp + "/complete",
                        "{\"reached\":true,\"resolution\":\"Told her the TTC clears shelters.\",\"satisfaction\":4}"),
                200);
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(jdbc.sql("select state from callback_promise where id = :id")
                        .param("id", firstPromise)
                        .query(String.class)
                        .single())
                .isEqualTo("BROKEN");

        // The second caller no longer needs the callback: withdrawn, then closed without one.
        json(
                agent.postJson(
                        "/api/v1/inquiries/" + given + "/promises/" + secondPromise + "/withdrawal",
                        "{\"reason\":\"The caller found barricades elsewhere.\"}"),
                200);
        inquiries.close(
                "toronto.ca", given, "The caller found barricades elsewhere.", new Acting("agent", null, false));
        assertThat(openFollowUps(given))
                .as("nothing left due on a closed inquiry")
                .isZero();
    }

    @Test
    void whileTheContactCentresSupervisorIsAwayTheirStandInHearsOfABrokenPromise() {
        String supervisorKey = catalog.areaSupervisor("toronto.ca", "TO311", null);
        absences.away("toronto.ca", supervisorKey, java.time.LocalDate.of(2026, 11, 30), "jmarchetti", "test");
        try {
            String reference = inquiry("Can the city remove the abandoned bike from the rack on Spadina?");
            long promise = escalate(reference, ZonedDateTime.of(2026, 11, 20, 15, 23, 0, 0, TORONTO));
            clock.set(ZonedDateTime.of(2026, 11, 20, 15, 24, 0, 0, TORONTO).toInstant());
            watch.watch();

            String key = "promise-broken:" + promise + ":jmarchetti";
            await().atMost(Duration.ofSeconds(20)).until(() -> alerts(key) == 1);
            assertThat(jdbc.sql("select recipient || ' ' || body_text from notification where idempotency_key = :k")
                            .param("k", key)
                            .query(String.class)
                            .single())
                    .startsWith(catalog.person("toronto.ca", "jmarchetti")
                            .orElseThrow()
                            .email())
                    .contains("You stand in for", "away until 2026-11-30", "/staff/inquiries/" + reference);
        } finally {
            absences.back("toronto.ca", supervisorKey, "test");
        }
    }

    private long openFollowUps(String reference) {
        return json(agent.get("/api/v1/followups"), 200).values().stream()
                .filter(f -> f.get("inquiryReference").asString().equals(reference))
                .count();
    }

    @Test
    void aCallerWhoLeftNoContactIsExpectedToCallSoNothingIsOwedAlertedOrBroken() {
        // A day of its own: the watch runs once a minute, and the other tests' minutes are theirs.
        clock.set(ZonedDateTime.of(2026, 11, 19, 10, 15, 0, 0, TORONTO).toInstant());
        String reference = json(
                        agent.postJson(
                                "/api/v1/inquiries",
                                "{\"question\":\"May I plant a tree on the boulevard?\",\"consent\":false,"
                                        + "\"department\":\"SWM\"}"),
                        201)
                .get("reference")
                .asString();
        long promise = json(
                        agent.postJson(
                                "/api/v1/inquiries/" + reference + "/escalations",
                                "{\"person\":\"jmarchetti\",\"deadline\":\""
                                        + ZonedDateTime.of(2026, 11, 19, 12, 0, 0, 0, TORONTO)
                                                .toInstant() + "\"}"),
                        201)
                .get("id")
                .asLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts("promise-made:" + promise) == 1);
        assertThat(jdbc.sql("select body_text from notification where idempotency_key = :k")
                        .param("k", "promise-made:" + promise)
                        .query(String.class)
                        .single())
                .contains("left no way to reach them", "Expect their call")
                .doesNotContain("promised that you would");

        clock.set(ZonedDateTime.of(2026, 11, 19, 11, 55, 0, 0, TORONTO).toInstant());
        watch.watch();
        clock.set(ZonedDateTime.of(2026, 11, 19, 12, 1, 0, 0, TORONTO).toInstant());
        watch.watch();

        assertThat(jdbc.sql("select state from callback_promise where id = :id")
                        .param("id", promise)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(json(supervisor.get("/api/v1/callbacks/broken"), 200).values())
                .extracting(p -> p.get("id").asLong())
                .doesNotContain(promise);
        for (String alert : java.util.List.of("promise-nearing:", "promise-at-risk:", "promise-broken:")) {
            assertThat(alerts(alert + promise)).as(alert).isZero();
        }

        // Two days on they have not called: the promise lapses, and the inquiry comes back to the agent to close.
        clock.set(ZonedDateTime.of(2026, 11, 21, 12, 7, 0, 0, TORONTO).toInstant());
        watch.watch();
        assertThat(jdbc.sql("select state || ': ' || outcome from callback_promise where id = :id")
                        .param("id", promise)
                        .query(String.class)
                        .single())
                .isEqualTo("WITHDRAWN: Lapsed: the caller left no way to reach them and did not call");
        assertThat(json(manager.get("/api/v1/escalations"), 200).values())
                .extracting(p -> p.get("id").asLong())
                .doesNotContain(promise);
        assertThat(json(agent.get("/api/v1/inquiries/" + reference), 200)
                        .get("status")
                        .asString())
                .isEqualTo("OPEN");
        assertThat(json(agent.get("/api/v1/followups"), 200).values())
                .extracting(f -> f.get("inquiryReference").asString())
                .contains(reference);
    }

    @Test
    void aCallbackRecordedByTwoPeopleKeepsWhatEachLearntAndADoubleClickOnce() {
        String reference = inquiry("Is the community centre's pool open on Boxing Day?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 18, 15, 0, 0, 0, TORONTO));
        String first = "{\"outcome\":\"Closed on Boxing Day, open the 27th.\"}";
        json(manager.postJson("/api/v1/callbacks/" + promise + "/outcome", first), 200);
        json(manager.postJson("/api/v1/callbacks/" + promise + "/outcome", first), 200);

        // The supervisor, who oversees promises, reached the caller too before seeing it recorded.
        JsonNode both = json(
                supervisor.postJson(
                        "/api/v1/callbacks/" + promise + "/outcome",
                        "{\"outcome\":\"She also asked about lane swims: 7 am on weekdays.\"}"),
                200);

        assertThat(both.get("outcome").asString())
                .isEqualTo("Closed on Boxing Day, open the 27th.\n\nAlso recorded by supervisor: She also asked"
                        + " about lane swims: 7 am on weekdays.");
        assertThat(both.get("recordedBy").asString()).isEqualTo("swm.manager");
        assertThat(both.get("state").asString()).isEqualTo("KEPT");
    }

    @Test
    void aCallbackOwedToACallerWhoseDetailsWereErasedSinceIsStillOwedAndBreaks() {
        // A day of its own, as above.
        clock.set(ZonedDateTime.of(2026, 11, 20, 10, 15, 0, 0, TORONTO).toInstant());
        String reference = inquiry("Who repairs the fence of the community garden?");
        long promise = escalate(reference, ZonedDateTime.of(2026, 11, 20, 12, 0, 0, 0, TORONTO));
        // The caller asked to be forgotten: their details are gone, the promise made to them is not.
        jdbc.sql("update inquiry set caller_name = null, caller_phone = null where reference = :r")
                .param("r", reference)
                .update();

        clock.set(ZonedDateTime.of(2026, 11, 20, 12, 1, 0, 0, TORONTO).toInstant());
        watch.watch();

        assertThat(jdbc.sql("select state from callback_promise where id = :id")
                        .param("id", promise)
                        .query(String.class)
                        .single())
                .isEqualTo("BROKEN");
    }

    @Test
    void badEscalationsAreRefused() {
        String reference = inquiry("Who decides the colour of the new park benches?");
        Http.Response nobody =
                agent.postJson("/api/v1/inquiries/" + reference + "/escalations", "{\"person\":\"nobody-at-all\"}");
        assertThat(nobody.status()).isEqualTo(400);
        Http.Response past = agent.postJson(
                "/api/v1/inquiries/" + reference + "/escalations",
                "{\"person\":\"jmarchetti\",\"deadline\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(JSON.readTree(past.body()).get("field").asString()).isEqualTo("deadline");
        Http.Response noConsentChannel = agent.postJson(
                "/api/v1/inquiries", "{\"question\":\"x\",\"consent\":true,\"preferredChannel\":\"EMAIL\"}");
        assertThat(noConsentChannel.status()).isEqualTo(400);
    }

    private int alerts(String key) {
        return jdbc.sql("select count(*) from notification where idempotency_key = :k")
                .param("k", key)
                .query(Integer.class)
                .single();
    }
}
