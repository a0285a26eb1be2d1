package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * An inquiry that needs no callback (answered another way, withdrawn, taken by mistake) is closed by the agent who
 * took it, or their supervisor, with what became of it; one that waits for a callback is not, so no promise is
 * forgotten.
 */
@Civic311Test
class InquiryClosingTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    String inquiry(String question) {
        return inquiry(question, "Ahmed Said", "416-555-0166");
    }

    String inquiry(String question, String callerName, String callerPhone) {
        Http.Response created = new Http(port)
                .as("agent", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries",
                        JSON.writeValueAsString(Map.of(
                                "question",
                                question,
                                "callerName",
                                callerName,
                                "consent",
                                true,
                                "callerPhone",
                                callerPhone,
                                "preferredChannel",
                                "PHONE",
                                "department",
                                "SWM")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("reference").asString();
    }

    static Http signedIn(int port, String username) {
        Http desk = Http.browser(port);
        assertThat(desk.signIn(username, "civic311-demo", null).status()).isEqualTo(302);
        return desk;
    }

    static Http.Response close(Http desk, String reference, String resolution) {
        return desk.postForm(
                "/staff/inquiries/" + reference + "/close",
                List.of(Map.entry("resolution", resolution), Map.entry("_csrf", desk.csrf("/staff/profile"))));
    }

    @Test
    void theAgentWhoTookItClosesItWithWhatBecameOfItAndItLeavesTheirList() {
        String reference = inquiry("Can I leave my old fridge out with the bulky items?");
        Http sam = signedIn(port, "agent");
        assertThat(sam.get("/staff/inquiries/" + reference).body()).contains("Close it without a callback");

        Http jordan = signedIn(port, "agent2");
        assertThat(jordan.get("/staff/inquiries/" + reference).body()).doesNotContain("Close it without a callback");
        assertThat(close(jordan, reference, "Not mine to close").status()).isEqualTo(403);

        assertThat(close(sam, reference, " ").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/inquiries/" + reference));
        assertThat(sam.get("/staff/inquiries/" + reference).body()).contains("resolution is required");

        Http.Response closed = close(sam, reference, "The caller found the answer on the city's website.");
        assertThat(closed.status()).isEqualTo(302);
        assertThat(sam.get("/staff/inquiries").body()).contains("Inquiry " + reference + " is closed.");
        assertThat(sam.get("/staff/inquiries/" + reference).body())
                .contains("Closed", "The caller found the answer on the city&#39;s website.")
                .doesNotContain("Close it without a callback");
        assertThat(sam.get("/staff/inquiries").body()).doesNotContain(reference);
        assertThat(close(sam, reference, "Again").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/inquiries/" + reference));
    }

    @Test
    void aSupervisorClosesAnAgentsInquiryButOneWaitingForACallbackStaysOpen() {
        String withdrawn = inquiry("Who do I ask about a street party permit?");
        Http priya = signedIn(port, "supervisor");
        assertThat(close(priya, withdrawn, "Withdrawn: the caller will apply online.")
                        .status())
                .isEqualTo(302);

        String waiting = inquiry("Can the city collect a piano?");
        Http.Response escalated = new Http(port)
                .as("agent", "civic311-demo")
                .postJson("/api/v1/inquiries/" + waiting + "/escalations", "{\"person\":\"jmarchetti\"}");
        assertThat(escalated.status()).as(escalated.body()).isEqualTo(201);
        close(priya, waiting, "Closing it anyway");
        assertThat(priya.get("/staff/inquiries/" + waiting).body())
                .contains("waits for the callback promised to the caller")
                .contains("Escalated");
        // Choosing whom to escalate the next one to, an agent sees what each person already owes.
        assertThat(signedIn(port, "agent")
                        .get("/staff/inquiries/" + inquiry("Is the Harbord pool open?"))
                        .body())
                .containsPattern("value=\"jmarchetti\"[^>]*>[^<]* · owes \\d+ callbacks?</option>")
                .as("whether the person can open it in the console, or hears of it by email alone")
                .containsPattern(
                        "<option value=\"(?!jmarchetti\")[^\"]+\"[^>]*>[^<]* · no console account: told by email</option>");
    }

    @Test
    void aSecondCallbackStillOwedKeepsTheInquiryOpenUntilItIsMade() {
        String reference = inquiry("Who clears the snow on the lane behind Bathurst?");
        Http agent = new Http(port).as("agent", "civic311-demo");
        Http supervisor = new Http(port).as("supervisor", "civic311-demo");
        long first = promise(agent, reference, "jmarchetti");
        outcome(supervisor, first, "Transportation clears the lane; told the caller.");
        long second = promise(agent, reference, "nabernathy");
        assertThat(status(agent, reference)).as("a callback is owed again").isEqualTo("ESCALATED");

        assertThat(agent.get("/api/v1/followups").body())
                .as("the follow-up waits, off the agent's list, for the callback still owed")
                .doesNotContain(reference);
        long waiting = jdbc.sql("select f.id from follow_up f join inquiry i on i.id = f.inquiry_id"
                        + " where i.reference = :r")
                .param("r", reference)
                .query(Long.class)
                .single();
        Http.Response refused = complete(agent, waiting, "Caller satisfied.");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("still waits for the callback promised on behalf of Nadia Abernathy");
        assertThat(status(agent, reference)).isEqualTo("ESCALATED");

        outcome(supervisor, second, "Solid Waste will not collect from the lane; told the caller.");
        assertThat(status(agent, reference)).isEqualTo("ANSWERED");
        assertThat(signedIn(port, "agent").get("/staff/inquiries").body())
                .as("each callback said by whom, by name, for the agent calling the resident back")
                .contains("The department&#39;s callback (Julian Marchetti): Transportation clears the lane")
                .contains("The department&#39;s callback (Nadia Abernathy): Solid Waste will not collect");
        assertThat(complete(agent, followUp(agent, reference), "Caller satisfied.")
                        .status())
                .isEqualTo(200);
        assertThat(status(agent, reference)).isEqualTo("CLOSED");
        assertThat(agent.get("/api/v1/followups").body())
                .as("the other follow-up ended with the inquiry")
                .doesNotContain(reference);
    }

    @Test
    void theEscalationFormFillsInNoDeadlineSoTheChosenPersonsUsualTimeHolds() {
        String reference = inquiry("Can the city lend us recycling bins for a street party?");
        String page =
                signedIn(port, "agent").get("/staff/inquiries/" + reference).body();
        assertThat(page)
                .contains("<input id=\"deadline\" name=\"deadline\" type=\"datetime-local\""
                        + " aria-describedby=\"deadline-hint\">")
                .containsPattern(
                        "the usual time of the chosen person's department applies: for <span>[^<]+, \\d{1,2}:\\d\\d"
                                + " [ap]m (today|tomorrow|on )");
    }

    @Test
    void aBrokenPromiseLeadsItsSupervisorToTheInquiryAndOneWithdrawnIsNotShownAsStillOwed() {
        String reference = inquiry("Who repaints the faded crosswalk by the school?");
        Http agent = new Http(port).as("agent", "civic311-demo");
        long promise = promise(agent, reference, "jmarchetti");
        // As the watch finds it once its deadline passed.
        jdbc.sql("update callback_promise set state = 'BROKEN', deadline = now() - interval '1 hour' where id = :id")
                .param("id", promise)
                .update();

        assertThat(signedIn(port, "supervisor").get("/staff/escalations").body())
                .contains("<a href=\"/staff/inquiries/" + reference + "\">" + reference + "</a>");
        assertThat(signedIn(port, "swm.manager").get("/staff/escalations").body())
                .as("its owner (Jane Marchetti's account) sees it, without a link to the contact centre's page")
                .contains(">" + reference + "<")
                .doesNotContain("href=\"/staff/inquiries/" + reference);
        assertThat(signedIn(port, "roads").get("/staff/escalations").body())
                .as("the list of broken promises is its supervisors' and their owners' alone")
                .doesNotContain(reference);

        Http.Response withdrawn = agent.postJson(
                "/api/v1/inquiries/" + reference + "/promises/" + promise + "/withdrawal",
                "{\"reason\":\"The school repainted it themselves.\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        String dashboard = signedIn(port, "supervisor").get("/staff/dashboard").body();
        String row = dashboard.substring(dashboard.indexOf(">" + reference + "<"));
        assertThat(row.substring(0, row.indexOf("</tr>")))
                .contains("no: withdrawn ")
                .doesNotContain("not yet");
    }

    @Test
    void aCallerNotReachedIsTriedAgainLaterWithWhatWasTriedRatherThanClosedUnreached() {
        String reference =
                inquiry("Will the city take the dead raccoon from our back lane?", "Ana Lindqvist", "416-555-0188");
        Http agent = new Http(port).as("agent", "civic311-demo");
        outcome(
                new Http(port).as("supervisor", "civic311-demo"),
                promise(agent, reference, "jmarchetti"),
                "Animal Services come on Monday; told the caller.");
        long id = followUp(agent, reference);
        Http sam = signedIn(port, "agent");
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneId.of("America/Toronto"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

        assertThat(retry(sam, id, now.minusHours(1), "No answer").status()).isEqualTo(302);
        assertThat(sam.get("/staff/inquiries").body()).contains("retryAt is past: choose when to try the caller again");
        assertThat(retry(sam, id, now.plusDays(8), "No answer").status()).isEqualTo(302);
        assertThat(sam.get("/staff/inquiries").body()).contains("is more than 7 days away");

        assertThat(retry(sam, id, now.plusHours(2), "No answer; left a voicemail with Ana Lindqvist's son")
                        .status())
                .isEqualTo(302);
        assertThat(sam.get("/staff/inquiries").body())
                .contains("Inquiry " + reference + ": try the caller again")
                .contains("Tried 1 time: No answer; left a voicemail with Ana Lindqvist&#39;s son");
        assertThat(status(agent, reference))
                .as("still to be closed by a follow-up")
                .isEqualTo("ANSWERED");
        assertThat(jdbc.sql("select due_at from follow_up where id = :id")
                        .param("id", id)
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(now.plusHours(2)
                        .atZone(java.time.ZoneId.of("America/Toronto"))
                        .toInstant());
        assertThat(complete(agent, id, "Reached on the second try.").status()).isEqualTo(200);
        assertThat(status(agent, reference)).isEqualTo("CLOSED");

        assertThat(new Http(port)
                        .as("admin", "civic311-demo")
                        .postJson("/api/v1/privacy/erasures", "{\"address\":\"416-555-0188\"}")
                        .status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select last_attempt from follow_up where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("what was tried is kept without whom it named")
                .doesNotContain("Lindqvist");
    }

    static Http.Response retry(Http desk, long followUp, java.time.LocalDateTime at, String attempt) {
        return desk.postForm(
                "/staff/followups/" + followUp + "/retry",
                java.util.List.of(
                        Map.entry("retryAt", at.toString()),
                        Map.entry("attempt", attempt),
                        Map.entry("_csrf", desk.csrf("/staff/profile"))));
    }

    long promise(Http agent, String reference, String person) {
        Http.Response promised =
                agent.postJson("/api/v1/inquiries/" + reference + "/escalations", "{\"person\":\"" + person + "\"}");
        assertThat(promised.status()).as(promised.body()).isEqualTo(201);
        return JSON.readTree(promised.body()).get("id").asLong();
    }

    void outcome(Http supervisor, long promise, String outcome) {
        Http.Response recorded = supervisor.postJson(
                "/api/v1/callbacks/" + promise + "/outcome", JSON.writeValueAsString(Map.of("outcome", outcome)));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
    }

    String status(Http agent, String reference) {
        return JSON.readTree(agent.get("/api/v1/inquiries/" + reference).body())
                .get("status")
                .asString();
    }

    long followUp(Http agent, String reference) {
        for (var followUp : JSON.readTree(agent.get("/api/v1/followups").body()).values()) {
            if (followUp.get("inquiryReference").asString().equals(reference)) {
                return followUp.get("id").asLong();
            }
        }
        throw new AssertionError("no follow-up of " + reference);
    }

    Http.Response complete(Http agent, long followUp, String resolution) {
        return agent.postJson(
                "/api/v1/followups/" + followUp + "/complete",
                JSON.writeValueAsString(Map.of("reached", true, "resolution", resolution, "satisfaction", 5)));
    }

    @Test
    void aSupervisorFindsAndClosesTheFollowUpsOfAnAgentWhoIsAway() {
        String reference = inquiry("Can the city prune the tree over my driveway?");
        Http agent = new Http(port).as("agent", "civic311-demo");
        outcome(new Http(port).as("supervisor", "civic311-demo"), promise(agent, reference, "jmarchetti"), "Booked.");

        Http priya = signedIn(port, "supervisor");
        assertThat(priya.get("/staff/inquiries?owner=agent").body())
                .contains("Inquiries of agent", "Inquiry " + reference, "Came back to agent.")
                .as("the call is made from the list: whom, at what number, and what the department said")
                .contains("Call Ahmed Said at 416-555-0166", "callback (Julian Marchetti): Booked.");
        assertThat(priya.get("/staff/inquiries").body()).doesNotContain(reference);
        Http jordan = signedIn(port, "agent2");
        assertThat(jordan.get("/staff/inquiries?owner=agent").status()).isEqualTo(403);
        assertThat(jordan.get("/staff/inquiries/overdue").status()).isEqualTo(403);
        assertThat(priya.get("/staff/dashboard").body()).contains("href=\"/staff/inquiries/overdue\"");
        jdbc.sql("update follow_up set due_at = now() - interval '1 day' where inquiry_id ="
                        + " (select id from inquiry where reference = :r)")
                .param("r", reference)
                .update();
        assertThat(priya.get("/staff/inquiries/overdue").body())
                .contains("Overdue follow-ups, every agent", "Inquiry " + reference, "Came back to agent.");

        long followUp = followUp(agent, reference);
        Http.Response closed = priya.postForm(
                "/staff/followups/" + followUp + "/complete",
                List.of(
                        Map.entry("reached", "on"),
                        Map.entry("resolution", "Arborist booked; the caller was told."),
                        Map.entry("_csrf", priya.csrf("/staff/profile"))));
        assertThat(closed.status()).isEqualTo(302);
        assertThat(status(agent, reference)).isEqualTo("CLOSED");
    }

    @Test
    void aSupervisorRecordsOnTheInquiryTheCallbackOfAManagerWithoutAnAccount() {
        String reference = inquiry("Why was my street skipped for leaf collection?");
        long promise = promise(new Http(port).as("agent", "civic311-demo"), reference, "nabernathy");
        assertThat(signedIn(port, "agent").get("/staff/inquiries/" + reference).body())
                .doesNotContain("Record the callback");
        Http priya = signedIn(port, "supervisor");
        assertThat(priya.get("/staff/inquiries/" + reference).body()).contains("Record the callback");

        Http.Response recorded = priya.postForm(
                "/staff/callbacks/" + promise + "/outcome",
                List.of(
                        Map.entry("outcome", "Called Mr. Said: his street is on Thursday's route now."),
                        Map.entry("back", reference),
                        Map.entry("_csrf", priya.csrf("/staff/profile"))));

        assertThat(recorded.status()).isEqualTo(302);
        assertThat(recorded.headers().firstValue("Location").orElseThrow()).endsWith("/staff/inquiries/" + reference);
        assertThat(priya.get("/staff/inquiries/" + reference).body())
                .contains("Callback recorded for inquiry " + reference)
                .contains("Outcome: Called Mr. Said")
                .doesNotContain("Record the callback");
        Http.Response refused = priya.postForm(
                "/staff/callbacks/" + promise + "/outcome",
                List.of(
                        Map.entry("outcome", " "),
                        Map.entry("back", reference),
                        Map.entry("_csrf", priya.csrf("/staff/profile"))));
        assertThat(refused.headers().firstValue("Location").orElseThrow())
                .as("a refusal goes back to the inquiry it came from")
                .endsWith("/staff/inquiries/" + reference);
    }

    @Test
    void aCallbackRecordedAgainOnTheScreenIsAddedToTheFirstOutcomeAndSaysWhoRecordedIt() {
        String reference = inquiry("Can the city trim the boulevard tree on Palmerston before it snows?");
        long promise = promise(new Http(port).as("agent", "civic311-demo"), reference, "jmarchetti");
        assertThat(new Http(port)
                        .as("swm.manager", "civic311-demo")
                        .postJson("/api/v1/callbacks/" + promise + "/outcome", "{\"outcome\":\"Trim booked.\"}")
                        .status())
                .isEqualTo(200);
        Http priya = signedIn(port, "supervisor");

        priya.postForm(
                "/staff/callbacks/" + promise + "/outcome",
                List.of(
                        Map.entry("outcome", "Reached her too: the crew comes Tuesday."),
                        Map.entry("back", reference),
                        Map.entry("_csrf", priya.csrf("/staff/profile"))));

        assertThat(priya.get("/staff/inquiries/" + reference).body())
                .contains("swm.manager had already recorded this callback for inquiry " + reference)
                .contains("Trim booked.")
                .contains("Also recorded by supervisor: Reached her too: the crew comes Tuesday.");
    }

    @Test
    void aRefusedCallbackOutcomeComesBackInItsBoxAsTyped() {
        String reference = inquiry("Can the city lend chairs for a block party on Crawford?");
        long promise = promise(new Http(port).as("agent", "civic311-demo"), reference, "jmarchetti");
        Http manager = signedIn(port, "swm.manager");
        String notes = "Called back and explained the permit. " + "x".repeat(4000);
        Http.Response refused = manager.postForm(
                "/staff/callbacks/" + promise + "/outcome",
                List.of(Map.entry("outcome", notes), Map.entry("_csrf", manager.csrf("/staff/profile"))));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/staff/escalations");
        String page = manager.get("/staff/escalations").body();
        assertThat(page).contains("Outcome is longer than 4000 characters.");
        assertThat(page.substring(page.indexOf("id=\"outcome-" + promise + "\"")))
                .contains(">Called back and explained the permit. xxx");
    }

    @Test
    void anInquiryLoggedTwiceFromOneFormOrRetriedWithItsKeyIsLoggedOnce() {
        Http sam = signedIn(port, "agent");
        String page = sam.get("/staff/inquiries/new").body();
        String submission = page.replaceAll("(?s).*name=\"submission\" value=\"([0-9a-f-]{36})\".*", "$1");
        List<Map.Entry<String, String>> form = List.of(
                Map.entry("question", "Can I book the community room at the library twice a month?"),
                Map.entry("preferredChannel", "PHONE"),
                Map.entry("submission", submission),
                Map.entry("_csrf", sam.csrf("/staff/profile")));

        Http.Response first = sam.postForm("/staff/inquiries", form);
        Http.Response second = sam.postForm("/staff/inquiries", form);

        assertThat(first.status()).isEqualTo(302);
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(jdbc.sql("select count(*) from inquiry where question like 'Can I book the community room%'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        Http retrying = new Http(port).as("agent", "civic311-demo").header("Idempotency-Key", "retry-42-" + submission);
        String body = "{\"question\":\"Is the ravine trail open after the storm?\",\"consent\":false}";
        String once = JSON.readTree(retrying.postJson("/api/v1/inquiries", body).body())
                .get("reference")
                .asString();
        String twice = JSON.readTree(
                        retrying.postJson("/api/v1/inquiries", body).body())
                .get("reference")
                .asString();
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void anEmergencyPutAsAQuestionSendsTheCallerTo911InsteadOfBeingLogged() {
        Http sam = signedIn(port, "agent");
        sam.get("/staff/inquiries/new");
        List<Map.Entry<String, String>> form = new java.util.ArrayList<>(List.of(
                Map.entry("question", "I smell gas in my basement, who do I call?"),
                Map.entry("preferredChannel", "PHONE"),
                Map.entry("_csrf", sam.csrf("/staff/profile"))));

        Http.Response refused = sam.postForm("/staff/inquiries", form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Emergency.", "Call 911", "nothing was logged", "name=\"notAnEmergency\"");
        Http.Response byApi = new Http(port)
                .as("agent", "civic311-demo")
                .postJson("/api/v1/inquiries", "{\"question\":\"I smell gas in my basement, who do I call?\"}");
        assertThat(byApi.status()).isEqualTo(400);
        assertThat(byApi.body()).contains("sounds like an emergency");
        assertThat(jdbc.sql("select count(*) from inquiry where question like 'I smell gas in my basement%'")
                        .query(Integer.class)
                        .single())
                .isZero();

        // The agent spoke with the caller: a smell of gas from last winter, asked about for the record.
        form.add(Map.entry("notAnEmergency", "on"));
        assertThat(sam.postForm("/staff/inquiries", form).status()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from inquiry where question like 'I smell gas in my basement%'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aCallbackIsPromisedOnlyThroughAWayTheCallerGaveAndOneWithoutAnyTellsThemWhomToCall() {
        Http agent = new Http(port).as("agent", "civic311-demo");
        // Details typed without the caller's consent are neither kept nor silently dropped.
        Http.Response withoutConsent = agent.postJson(
                "/api/v1/inquiries",
                "{\"question\":\"Can my hedge overhang the sidewalk?\",\"consent\":false,"
                        + "\"callerName\":\"Ahmed Said\",\"callerPhone\":\"416-555-0166\"}");
        assertThat(withoutConsent.status()).isEqualTo(400);
        assertThat(withoutConsent.body()).contains("consent is needed to keep the caller's name, phone or email");

        // A caller who gave a phone number is not promised an email.
        String byPhone = inquiry("Can my hedge overhang the sidewalk?");
        Http.Response byEmail = agent.postJson(
                "/api/v1/inquiries/" + byPhone + "/escalations", "{\"person\":\"jmarchetti\",\"channel\":\"EMAIL\"}");
        assertThat(byEmail.status()).isEqualTo(400);
        assertThat(byEmail.body()).contains("the caller gave no email address; answer them by phone");
        assertThat(jdbc.sql("select status from inquiry where reference = :r")
                        .param("r", byPhone)
                        .query(String.class)
                        .single())
                .as("nothing half done")
                .isEqualTo("OPEN");

        // One who gave nothing is told whom to call and by when, rather than promised a call nobody can make.
        String anonymous = JSON.readTree(agent.postJson(
                                "/api/v1/inquiries",
                                "{\"question\":\"Can my hedge overhang the sidewalk?\",\"consent\":false}")
                        .body())
                .get("reference")
                .asString();
        Http desk = signedIn(port, "agent");
        Http.Response escalated = desk.postForm(
                "/staff/inquiries/" + anonymous + "/escalations",
                List.of(Map.entry("person", "jmarchetti"), Map.entry("_csrf", desk.csrf("/staff/profile"))));
        assertThat(escalated.status()).isEqualTo(302);
        assertThat(desk.get("/staff/inquiries/" + anonymous).body())
                .contains("Please contact Julian Marchetti")
                .contains("they expect your call about this question")
                .doesNotContain("will call you back");
    }

    @Test
    void theSameEscalationSentTwicePromisesOneCallback() {
        String reference = inquiry("Who collects the leaves on a private lane?");
        Http agent = new Http(port).as("agent", "civic311-demo");
        long first = promise(agent, reference, "jmarchetti");

        Http.Response again =
                agent.postJson("/api/v1/inquiries/" + reference + "/escalations", "{\"person\":\"jmarchetti\"}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("already owes this caller a callback on inquiry " + reference);
        assertThat(jdbc.sql("select count(*) from callback_promise where inquiry_id = "
                                + "(select id from inquiry where reference = :r)")
                        .param("r", reference)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        outcome(new Http(port).as("supervisor", "civic311-demo"), first, "Told them: the lane's owners do.");
        assertThat(promise(agent, reference, "jmarchetti"))
                .as("once called back, the caller may be promised another")
                .isNotEqualTo(first);
    }

    @Test
    void anEscalationSentTwiceFromTheScreenReadsOutTheFirstPromiseRatherThanARefusal() {
        String reference = inquiry("Who trims the hedge that blocks the sidewalk on Pape?");
        Http sam = signedIn(port, "agent");
        String page = "/staff/inquiries/" + reference;
        java.util.List<Map.Entry<String, String>> form =
                java.util.List.of(Map.entry("_csrf", sam.csrf(page)), Map.entry("person", "jmarchetti"));
        sam.postForm(page + "/escalations", form);
        sam.get(page);

        sam.postForm(page + "/escalations", form);
        String again = sam.get(page).body();
        assertThat(again).contains("class=\"notice read-out\"").doesNotContain("already owes this caller");
        assertThat(jdbc.sql("select count(*) from callback_promise where inquiry_id = "
                                + "(select id from inquiry where reference = :r)")
                        .param("r", reference)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPromiseTheCallerNoLongerNeedsIsWithdrawnWithTheReasonAndTheInquiryCanClose() {
        String reference = inquiry("Is the pool on Gerrard open on holidays?");
        Http agent = new Http(port).as("agent", "civic311-demo");
        long promise = promise(agent, reference, "jmarchetti");
        assertThat(status(agent, reference)).isEqualTo("ESCALATED");

        Http.Response notTheirs = new Http(port)
                .as("agent2", "civic311-demo")
                .postJson(
                        "/api/v1/inquiries/" + reference + "/promises/" + promise + "/withdrawal",
                        "{\"reason\":\"Not mine\"}");
        assertThat(notTheirs.status()).isEqualTo(403);
        Http.Response noReason = agent.postJson(
                "/api/v1/inquiries/" + reference + "/promises/" + promise + "/withdrawal", "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);

        Http sam = signedIn(port, "agent");
        Http.Response withdrawn = sam.postForm(
                "/staff/inquiries/" + reference + "/promises/" + promise + "/withdraw",
                List.of(
                        Map.entry("reason", "The caller found the hours on the city's website."),
                        Map.entry("_csrf", sam.csrf("/staff/profile"))));
        assertThat(withdrawn.status()).isEqualTo(302);
        assertThat(status(agent, reference)).as("no callback is owed now").isEqualTo("OPEN");
        assertThat(sam.get("/staff/inquiries/" + reference).body())
                .contains("Withdrawn", "Withdrawn: The caller found the hours")
                .doesNotContain("Withdraw the promise");
        assertThat(new Http(port)
                        .as("supervisor", "civic311-demo")
                        .get("/api/v1/escalations?person=jmarchetti")
                        .body())
                .as("off the manager's queue")
                .doesNotContain(reference);
        assertThat(agent.postJson(
                                "/api/v1/inquiries/" + reference + "/promises/" + promise + "/withdrawal",
                                "{\"reason\":\"Again\"}")
                        .status())
                .isEqualTo(400);
        assertThat(close(sam, reference, "Answered on the website.").status()).isEqualTo(302);
        assertThat(status(agent, reference)).isEqualTo("CLOSED");
        assertThat(sam.get("/staff/inquiries/" + reference).body())
                .as("who closed it is kept and said")
                .containsPattern("<dt>Closed by</dt><dd>Sam Rivera</dd>");
    }
}
