package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator keeps the staff accounts: a new person gets a password shown once that only lets them choose
 * their own; a forgotten password, a change of role and a disabled account end the person's sessions at once; the
 * city cannot lock itself out; bad input is refused by name.
 */
@Civic311Test
class AccountAdministrationTests {

    static final Pattern GIVEN = Pattern.compile("<code class=\"secret\">([^<]+)</code>");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http admin() {
        Http admin = Http.browser(port);
        assertThat(admin.signIn("admin", "civic311-demo", null).status()).isEqualTo(302);
        return admin;
    }

    Http.Response post(Http desk, String path, String... fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(Map.entry(fields[i], fields[i + 1]));
        }
        form.add(Map.entry("_csrf", desk.csrf("/staff/profile")));
        return desk.postForm(path, form);
    }

    /** The account's row in the administrators' list. */
    static String row(Http admin, String username) {
        String page = admin.get("/staff/admin/accounts").body();
        int at = page.indexOf("<code>" + username + "</code>");
        assertThat(at).as(page).isPositive();
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    /** The person's first sign-in with the password given them, choosing their own: their browser, signed in. */
    Http choosesOwnPassword(String username, String given, String chosen) {
        Http desk = Http.browser(port);
        desk.signIn(username, given, null);
        post(desk, "/staff/profile/password", "currentPassword", given, "password", chosen, "confirmation", chosen);
        return desk;
    }

    static String given(Http.Response page) {
        Matcher password = GIVEN.matcher(page.body());
        assertThat(password.find()).as(page.body()).isTrue();
        return password.group(1);
    }

    String create(Http admin, String username, String... roles) {
        List<String> fields = new ArrayList<>(
                List.of("username", username, "displayName", "Robin Okafor", "title", "311 Agent", "department", ""));
        for (String role : roles) {
            fields.add("role");
            fields.add(role);
        }
        Http.Response created = post(admin, "/staff/admin/accounts", fields.toArray(String[]::new));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("Account " + username + " created");
        return given(created);
    }

    @Test
    void aNewPersonsGivenPasswordOnlyLetsThemChooseTheirOwn() {
        Http admin = admin();
        String given = create(admin, "robin.okafor", "AGENT");
        assertThat(admin.get("/staff/admin/accounts").body())
                .contains("robin.okafor", "Must choose a password")
                .doesNotContain(given); // shown once, in the answer to the form alone
        assertThat(row(admin, "robin.okafor")).contains("Never");

        Http robin = Http.browser(port);
        assertThat(robin.signIn("robin.okafor", given, null).status()).isEqualTo(302);
        assertThat(row(admin, "robin.okafor")).doesNotContain("Never");
        Http.Response inbox = robin.get("/staff/inbox");
        assertThat(inbox.status()).isEqualTo(302);
        assertThat(inbox.headers().firstValue("Location").orElseThrow()).endsWith("/staff/profile?choose-password");
        assertThat(robin.get("/staff/profile").body()).contains("choose-password");
        Http.Response api = new Http(port).as("robin.okafor", given).get("/api/v1/queues/SWM");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).contains("\"field\":\"password\"", "choose your own password");

        Http.Response chosen = post(
                robin,
                "/staff/profile/password",
                "currentPassword",
                given,
                "password",
                "three calm rivers at dawn",
                "confirmation",
                "three calm rivers at dawn");
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(robin.get("/staff/inbox").status()).isEqualTo(200);
        assertThat(admin.get("/staff/admin/accounts").body()).contains("created: Robin Okafor, 311 Agent; 311 agent");
    }

    @Test
    void theSameNewPasswordFormSentTwiceKeepsThePasswordAlreadyHandedOver() {
        Http admin = admin();
        create(admin, "lee.park", "AGENT");
        String page = "/staff/admin/accounts/lee.park";
        String shownAt = shownAt(admin.get(page).body());
        Http.Response first = post(admin, page + "/password", "shownAt", shownAt);
        assertThat(first.status()).isEqualTo(200);
        String handedOver = given(first);

        // The answer's page refreshed: the browser sends the same form again.
        Http.Response again = post(admin, page + "/password", "shownAt", shownAt);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("was the form sent twice?").doesNotContain("New password for");
        assertThat(Http.browser(port)
                        .signIn("lee.park", handedOver, null)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .doesNotContain("/login?error");

        // Asked for deliberately, from the page as it now is, another is given.
        Http.Response another = post(admin, page + "/password", "shownAt", shownAt(again.body()));
        assertThat(another.status()).isEqualTo(200);
        assertThat(given(another)).isNotEqualTo(handedOver);
        assertThat(post(admin, page + "/password", "shownAt", "yesterday").status())
                .isEqualTo(400);

        // An account whose password never changed since it was made (the demo's, older ones) is guarded too.
        jdbc.sql("update staff_account set password_changed_at = null where username = 'lee.park'")
                .update();
        String never = shownAt(admin.get(page).body());
        assertThat(never).isEqualTo("never");
        assertThat(post(admin, page + "/password", "shownAt", never).status()).isEqualTo(200);
        assertThat(post(admin, page + "/password", "shownAt", never).status()).isEqualTo(400);
    }

    static String shownAt(String accountPage) {
        Matcher shown = Pattern.compile("name=\"shownAt\" value=\"([^\"]+)\"").matcher(accountPage);
        assertThat(shown.find()).as(accountPage).isTrue();
        return shown.group(1);
    }

    @Test
    void aManagerLinkedToTheirDirectoryEntryReceivesTheCallbacksPromisedOnTheirBehalf() {
        Http admin = admin();
        Http.Response created = post(
                admin,
                "/staff/admin/accounts",
                "username",
                "m.okafor",
                "displayName",
                "Marguerite Okafor",
                "title",
                "Manager, Traffic Operations",
                "role",
                "DEPARTMENT_MANAGER",
                "department",
                "TS",
                "person",
                "mokafor");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String given = given(created);
        assertThat(admin.get("/staff/admin/accounts/m.okafor").body())
                .contains("<option value=\"mokafor\" selected=\"selected\">");

        Http.Response twice = post(
                admin,
                "/staff/admin/accounts",
                "username",
                "m.okafor2",
                "displayName",
                "Marguerite Okafor",
                "title",
                "Manager",
                "role",
                "DEPARTMENT_MANAGER",
                "department",
                "TS",
                "person",
                "mokafor");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("Directory entry: mokafor is already the directory entry of m.okafor");
        Http.Response nobody = post(
                admin,
                "/staff/admin/accounts",
                "username",
                "no.one",
                "displayName",
                "No One",
                "title",
                "Agent",
                "role",
                "AGENT",
                "person",
                "not-in-the-directory");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.body()).contains("Directory entry: no one in the directory is not-in-the-directory");

        Http agent = new Http(port).as("agent", "civic311-demo");
        Http.Response inquiry = agent.postJson(
                "/api/v1/inquiries",
                """
                {"question":"Why is the signal at Bay and Dundas timed so short?","callerName":"Ana Silva",
                 "callerPhone":"416-555-0190","consent":true,"preferredChannel":"PHONE","department":"TS"}""");
        assertThat(inquiry.status()).as(inquiry.body()).isEqualTo(201);
        String reference = inquiry.body().replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
        Http.Response promised = agent.postJson(
                "/api/v1/inquiries/" + reference + "/escalations",
                "{\"person\":\"mokafor\",\"deadline\":\""
                        + java.time.Instant.now().plusSeconds(7200) + "\"}");
        assertThat(promised.status()).as(promised.body()).isEqualTo(201);

        Http manager = Http.browser(port);
        manager.signIn("m.okafor", given, null);
        post(
                manager,
                "/staff/profile/password",
                "currentPassword",
                given,
                "password",
                "signals change at noon",
                "confirmation",
                "signals change at noon");
        assertThat(manager.get("/staff/escalations").body())
                .doesNotContain("not linked to the people directory")
                .contains("Ana Silva");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.civic311.requests.ServiceRequests requests;

    @Test
    void aNewPasswordAChangeOfRoleOrADisabledAccountEndsThePersonsSessions() {
        Http admin = admin();
        String given = create(admin, "kai.morin", "AGENT");
        Http kai = choosesOwnPassword("kai.morin", given, "kai chooses a long one");
        assertThat(kai.get("/staff/inbox").status()).isEqualTo(200);
        Http kaisIntegration = new Http(port).as("kai.morin", "kai chooses a long one");
        assertThat(kaisIntegration.get("/api/v1/followups").status()).isEqualTo(200);

        // Moved to Solid Waste: signed out, and the inbox is no longer theirs.
        Http.Response moved = post(
                admin,
                "/staff/admin/accounts/kai.morin",
                "displayName",
                "Kai Morin",
                "title",
                "Solid Waste coordinator",
                "role",
                "DEPARTMENT_STAFF",
                "department",
                "SWM");
        assertThat(moved.status()).isEqualTo(302);
        assertThat(kai.get("/staff/inbox").status()).isEqualTo(302); // to the sign-in page
        kai.signIn("kai.morin", "kai chooses a long one", null);
        assertThat(kai.get("/staff/inbox").status()).isEqualTo(403);
        assertThat(kai.get("/staff/queues/SWM").status()).isEqualTo(200);
        // The staff API's remembered credentials do not outlive the change either.
        assertThat(kaisIntegration.get("/api/v1/followups").status()).isEqualTo(403);

        // A forgotten password: a new one is given, the old one and the open session stop working.
        String renewed = given(post(admin, "/staff/admin/accounts/kai.morin/password"));
        assertThat(kai.get("/staff/queues/SWM").status()).isEqualTo(302);
        assertThat(Http.browser(port)
                        .signIn("kai.morin", "kai chooses a long one", null)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("/login?error");
        kai.signIn("kai.morin", renewed, null);
        assertThat(kai.get("/staff/queues/SWM").headers().firstValue("Location").orElseThrow())
                .endsWith("/staff/profile?choose-password");

        // Moved on to Roads: what they held in Solid Waste's queue, where they can no longer open it, goes back to it.
        String heldThere =
                org.civic311.support.Reports.binTagged(requests, "Tags on the bin, held by someone moved on");
        jdbc.sql("update service_request set assignee = 'kai.morin' where public_id = :id")
                .param("id", heldThere)
                .update();
        assertThat(post(
                                admin,
                                "/staff/admin/accounts/kai.morin",
                                "displayName",
                                "Kai Morin",
                                "title",
                                "Roads coordinator",
                                "role",
                                "DEPARTMENT_STAFF",
                                "department",
                                "TSRO")
                        .status())
                .isEqualTo(302);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select assignee from service_request where public_id = :id")
                        .param("id", heldThere)
                        .query(String.class)
                        .optional()
                        .isEmpty());
        assertThat(jdbc.sql("select a.detail from request_audit a join service_request r on r.id = a.request_id"
                                + " where r.public_id = :id and a.action = 'unassigned'")
                        .param("id", heldThere)
                        .query(String.class)
                        .list())
                .containsExactly("kai.morin moved to another department: back to the queue");

        // Disabled: the session ends and sign-in is refused; what they held goes back to its queue.
        String held = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, held by someone who left");
        jdbc.sql("update service_request set assignee = 'kai.morin' where public_id = :id")
                .param("id", held)
                .update();
        assertThat(post(admin, "/staff/admin/accounts/kai.morin/enabled", "enabled", "false")
                        .status())
                .isEqualTo(302);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select assignee from service_request where public_id = :id")
                        .param("id", held)
                        .query(String.class)
                        .optional()
                        .isEmpty());
        assertThat(kai.get("/staff/profile").status()).isEqualTo(302);
        assertThat(Http.browser(port)
                        .signIn("kai.morin", renewed, null)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .contains("/login?error");
        assertThat(admin.get("/staff/admin/accounts").body())
                .contains("kai.morin", "disabled", "new password given", "changed: Kai Morin, Solid Waste coordinator");
    }

    @Test
    void aManagersAccountPageSaysWhatStillReachesThemThroughTheDirectoryAndWhereToHandItOver() {
        String page = admin().get("/staff/admin/accounts/swm.manager").body();
        assertThat(page)
                .contains("In the directory", "manages Solid Waste Management Services")
                .contains("href=\"/staff/admin/catalogue/people/jmarchetti\"");
        assertThat(admin().get("/staff/admin/accounts/agent").body()).doesNotContain("In the directory");
    }

    @Test
    void anAgentWhoLeavesHandsTheirOpenInquiriesAndFollowUpsToAColleagueAtTheContactCentre() {
        Http admin = admin();
        String given = create(admin, "tess.nguyen", "AGENT");
        choosesOwnPassword("tess.nguyen", given, "tess keeps a long one");
        Http tess = new Http(port).as("tess.nguyen", "tess keeps a long one");
        String open = inquiry(tess, "Is the leaf depot open on Sundays?");
        String answered = inquiry(tess, "Who clears the lane behind my garage?");
        Http.Response promised =
                tess.postJson("/api/v1/inquiries/" + answered + "/escalations", "{\"person\":\"jmarchetti\"}");
        assertThat(promised.status()).as(promised.body()).isEqualTo(201);
        long promise =
                InquiryClosingTests.JSON.readTree(promised.body()).get("id").asLong();
        Http.Response called = new Http(port)
                .as("supervisor", "civic311-demo")
                .postJson("/api/v1/callbacks/" + promise + "/outcome", "{\"outcome\":\"Private lane: the owners.\"}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);

        Http.Response disabled = post(admin, "/staff/admin/accounts/tess.nguyen/enabled", "enabled", "false");
        assertThat(disabled.status()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/accounts/tess.nguyen").body())
                .as("the administrator is told at once, and the page keeps saying so until someone holds them")
                .contains(
                        "They still hold 2 open inquiries and 1 follow-up: hand them over below.",
                        "Their account is disabled, and they still hold 2 open inquiries and 1 follow-up.");

        for (String[] refused : new String[][] {
            {"", "Hand over to: choose the colleague who takes them over"},
            {"tess.nguyen", "Hand over to: is the same person"},
            {"swm", "Hand over to: swm is not a 311 agent or supervisor"},
            {"nobody.here", "Hand over to: no staff account nobody.here"}
        }) {
            Http.Response refusal = post(admin, "/staff/admin/accounts/tess.nguyen/hand-over", "to", refused[0]);
            assertThat(refusal.status()).as(refused[0]).isEqualTo(400);
            assertThat(refusal.body()).contains(refused[1]);
        }

        Http.Response handed = post(admin, "/staff/admin/accounts/tess.nguyen/hand-over", "to", "agent2");
        assertThat(handed.status()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/accounts/tess.nguyen").body())
                .contains("Handed 2 open inquiries and 1 follow-up to Jordan Lee.")
                .doesNotContain("they still hold");
        assertThat(admin.get("/staff/admin/accounts").body())
                .contains("handed 2 open inquiries and 1 follow-up to agent2");

        // Jordan finds both on their own lists and can finish them.
        Http jordan = new Http(port).as("agent2", "civic311-demo");
        String followUps = jordan.get("/api/v1/followups").body();
        assertThat(followUps).contains(answered);
        long followUp = 0;
        for (var listed : InquiryClosingTests.JSON.readTree(followUps).values()) {
            if (listed.get("inquiryReference").asString().equals(answered)) {
                followUp = listed.get("id").asLong();
            }
        }
        Http.Response completed = jordan.postJson(
                "/api/v1/followups/" + followUp + "/complete",
                "{\"reached\":true,\"resolution\":\"Told them it is the owners' lane.\",\"satisfaction\":4}");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        Http jordanDesk = Http.browser(port);
        jordanDesk.signIn("agent2", "civic311-demo", null);
        Http.Response closed = InquiryClosingTests.close(jordanDesk, open, "Sunday hours are on the city's page.");
        assertThat(closed.status()).as(closed.body()).isEqualTo(302);
    }

    static String inquiry(Http agent, String question) {
        Http.Response created = agent.postJson(
                "/api/v1/inquiries",
                "{\"question\":\"" + question + "\",\"callerName\":\"Mei Tanaka\",\"consent\":true,"
                        + "\"callerPhone\":\"416-555-0177\",\"preferredChannel\":\"PHONE\",\"department\":\"SWM\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return InquiryClosingTests.JSON
                .readTree(created.body())
                .get("reference")
                .asString();
    }

    @Test
    void choosingOnesOwnPasswordEndsEverySessionOpenedWithTheGivenOneAndAGivenPasswordExpires() {
        Http admin = admin();
        String given = create(admin, "lee.tran", "AGENT");
        Http elsewhere = Http.browser(port); // whoever else saw the given password
        elsewhere.signIn("lee.tran", given, null);
        Http lee = Http.browser(port);
        lee.signIn("lee.tran", given, null);
        // Only choosing a password is open: not the public profile, which /team shows.
        assertThat(post(lee, "/staff/profile", "publicName", "Not Lee")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/staff/profile?choose-password"));
        post(
                lee,
                "/staff/profile/password",
                "currentPassword",
                given,
                "password",
                "lee picks a sentence",
                "confirmation",
                "lee picks a sentence");
        assertThat(lee.get("/staff/inbox").status()).isEqualTo(200);
        assertThat(elsewhere.get("/staff/profile").status()).isEqualTo(302); // signed out
        assertThat(admin.get("/staff/admin/accounts").body()).contains("chose their own password");

        // A given password not used within a week no longer opens anything.
        String renewed = given(post(admin, "/staff/admin/accounts/lee.tran/password"));
        jdbc.sql("update staff_account set password_changed_at = now() - interval '8 days' where username = 'lee.tran'")
                .update();
        assertThat(Http.browser(port)
                        .signIn("lee.tran", renewed, null)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?expired"));
    }

    @Test
    void anAdministratorChangingTheirOwnAccountStaysSignedIn() {
        Http admin = admin();
        Http.Response saved = post(
                admin,
                "/staff/admin/accounts/admin",
                "displayName",
                "Alex Chen",
                "title",
                "Administrator",
                "role",
                "ADMINISTRATOR",
                "role",
                "SUPERVISOR");
        assertThat(saved.status()).isEqualTo(302);
        assertThat(admin.get("/staff/admin/accounts/admin").body()).contains("Saved.");
        post(
                admin,
                "/staff/admin/accounts/admin",
                "displayName",
                "Alex Chen",
                "title",
                "Administrator",
                "role",
                "ADMINISTRATOR");
        assertThat(admin.get("/staff/admin/accounts").status()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedByNameAndTheCityCannotLockItselfOut() {
        Http admin = admin();
        create(admin, "taken.name", "AGENT");
        for (var refused : List.of(
                List.of("taken.name", "AGENT", "", "taken.name is taken"),
                List.of("Has Spaces", "AGENT", "", "Username: must be 2 to 40 lowercase letters"),
                List.of("no.role", "", "", "Roles: choose at least one role"),
                List.of("no.department", "DEPARTMENT_STAFF", "", "Department: is required"),
                List.of("bad.department", "DEPARTMENT_STAFF", "NOPE", "Department: no department NOPE"),
                List.of("bad.role", "OVERLORD", "", "Roles: no role OVERLORD"))) {
            List<String> fields = new ArrayList<>(List.of(
                    "username",
                    refused.get(0),
                    "displayName",
                    "Pat Doe",
                    "title",
                    "Agent",
                    "department",
                    refused.get(2)));
            if (!refused.get(1).isEmpty()) {
                fields.addAll(List.of("role", refused.get(1)));
            }
            Http.Response answer = post(admin, "/staff/admin/accounts", fields.toArray(String[]::new));
            assertThat(answer.status()).as(refused.toString()).isEqualTo(400);
            assertThat(answer.body()).as(refused.toString()).contains(refused.get(3));
        }
        Http.Response markup = post(
                admin,
                "/staff/admin/accounts",
                "username",
                "markup.name",
                "displayName",
                "<script>alert(1)</script>",
                "title",
                "Agent",
                "role",
                "AGENT");
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.body()).contains("Name: must be plain text").doesNotContain("<script>alert(1)");

        Http.Response self = post(admin, "/staff/admin/accounts/admin/enabled", "enabled", "false");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body()).contains("you cannot disable your own account");
        assertThat(post(admin, "/staff/admin/accounts/nobody.here/password").status())
                .isEqualTo(404);

        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);
        assertThat(supervisor.get("/staff/admin/accounts").status()).isEqualTo(403);
    }
}
