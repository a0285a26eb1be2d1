package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.HistoricalRequest;
import org.civic311.requests.Location;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.civic311.support.Images;
import org.civic311.support.TestChannelServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Story 1, the bins again: a resident's post on X with two photos, for the umpteenth time. It arrives through the
 * X webhook; the agent opens a request from it in a few clicks (a repeat problem, escalated to the route supervisor),
 * replies in the thread, signed and within 280 characters; and when the division closes the request, the resident
 * hears it in the same thread.
 */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinsAgainBrowserTests {

    static final String POST_ID = "1862000000000000001";
    static final String TEXT =
            "@City311 for the umpteenth week in a row the crew left my bins knocked over blocking the"
                    + " sidewalk at 1433 Queen St E. Why do we follow the rules and they don't?";

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    JdbcClient jdbc;

    Playwright playwright;
    Browser browser;

    @BeforeAll
    void launch() {
        TestChannelServer.start();
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    void close() {
        browser.close();
        playwright.close();
    }

    void fiveEarlierReports() {
        Instant now = Instant.now();
        List<HistoricalRequest> earlier = new ArrayList<>();
        for (int week = 1; week <= 5; week++) {
            Instant at = now.minus(Duration.ofDays(7L * week + 1));
            earlier.add(new HistoricalRequest(
                    "QUEEN-E-" + week,
                    "SWM-BIN-LEFT",
                    null,
                    null,
                    true,
                    "Completed - crew spoken to",
                    "Bins left on the sidewalk again",
                    null,
                    new Location(43.6648275, -79.3224201, "1433 QUEEN ST E", null, null),
                    null,
                    at,
                    at,
                    at.plus(Duration.ofDays(2))));
        }
        requests.importHistorical("toronto.ca", earlier);
    }

    void postOnX() throws Exception {
        String first = TestChannelServer.photo("bins-driveway.jpg", Images.jpegWithExif());
        String second = TestChannelServer.photo("bins-sidewalk.png", Images.png(64, 48));
        String body =
                """
                {"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Wed Nov 18 23:05:12 +0000 2026",
                 "id_str":"%s","text":"%s",
                 "user":{"id_str":"178900777","name":"Amara Okafor","screen_name":"amara_on_queen"},
                 "extended_entities":{"media":[{"type":"photo","media_url_https":"%s"},
                                               {"type":"photo","media_url_https":"%s"}]}}]}"""
                        .formatted(POST_ID, TEXT.replace("'", "\\u0027"), first, second);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-consumer-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256="
                + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> delivered = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/x"))
                                .header("Content-Type", "application/json")
                                .header("x-twitter-webhooks-signature", signature)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(delivered.statusCode()).isEqualTo(200);
    }

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Autowired
    org.civic311.conversations.Inbox inbox;

    @Test
    void anAgentPutsAKnowledgeBaseAnswerIntoATextMessageReplyWithOneClick() {
        long id = inbox.receive(InboxHttpTests.textAt(
                        "+14165550163",
                        "Hi, by what time do the bins need to be at the curb on collection day?",
                        java.time.Instant.now(),
                        List.of()))
                .conversationId();
        try (BrowserContext desk = browser.newContext()) {
            Page page = desk.newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.getByLabel("User name").fill("agent");
            page.getByLabel("Password").fill("civic311-demo");
            page.getByRole(AriaRole.BUTTON, named("Sign in")).click();
            page.waitForURL("**/staff/**");
            page.navigate("http://localhost:" + port + "/staff/inbox/" + id);
            page.getByRole(AriaRole.BUTTON, named("Take this conversation")).click();
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");

            page.getByLabel("Your reply, signed ^Sam R.").fill("Hello!");
            // The agent's own search, beside what the message found.
            page.getByLabel("Search the knowledge base").fill("How to set out bins on collection day");
            page.getByLabel("Search the knowledge base").press("Enter");
            assertThat(page.locator("#announcer")).containsText("answers found");
            page.locator("#kb-hits li")
                    .filter(new Locator.FilterOptions().setHasText("How to set out bins on collection day"))
                    .getByRole(AriaRole.BUTTON)
                    .click();
            Locator reply = page.getByLabel("Your reply, signed ^Sam R.");
            assertThat(reply)
                    .hasValue(java.util.regex.Pattern.compile(
                            "^Hello!\\n\\nBins must be at the curb by 7 a\\.m\\. on collection day.*"));
            assertThat(page.locator("#length")).containsText("of 4 SMS segments with the signature");
            assertThat(page.locator("#length")).not().hasClass(java.util.regex.Pattern.compile("error"));
            assertThat(page.locator("#announcer")).containsText("The answer is in your reply box");
        }
    }

    @Test
    void theBinsReportedOnXForTheUmpteenthTimeBecomeAnEscalatedRequestAndAreAnsweredInTheThread() throws Exception {
        fiveEarlierReports();
        postOnX();

        try (BrowserContext desk = browser.newContext()) {
            Page page = desk.newPage();
            page.navigate("http://localhost:" + port + "/login");
            page.getByLabel("User name").fill("agent");
            page.getByLabel("Password").fill("civic311-demo");
            page.getByRole(AriaRole.BUTTON, named("Sign in")).click();
            page.waitForURL("**/staff/**");

            page.navigate("http://localhost:" + port + "/staff/inbox?channel=X");
            page.getByRole(AriaRole.LINK, named("Amara Okafor")).click();
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
            assertThat(page.locator("h1")).containsText("Amara Okafor @amara_on_queen");
            assertThat(page.locator(".thread img.thumbnail")).hasCount(2);
            assertThat(page.locator("main")).containsText("Bins not returned / left blocking sidewalk or driveway");
            assertThat(page.locator("main")).containsText("Address: 1433 Queen St E");
            // Before anything is filed: not an emergency, and a repeat problem at this address.
            assertThat(page.locator(".not-emergency")).hasText("Not an emergency.");
            assertThat(page.locator(".repeat-warning")).containsText("Repeat problem: 5 earlier reports here");
            // Each earlier report opens, for what was done about it.
            assertThat(page.locator(".repeat-warning a").first())
                    .hasAttribute("href", java.util.regex.Pattern.compile("^/staff/requests/[A-Za-z0-9-]+$"));

            page.getByRole(AriaRole.BUTTON, named("Take this conversation")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("It is yours.");
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");

            // Choosing the type swaps in its questions; answer them once they are there.
            page.waitForResponse(
                    response -> response.url().contains("/staff/questions"), () -> page.getByLabel("Type of problem")
                            .selectOption(new SelectOption()
                                    .setLabel("Bins not returned / left blocking sidewalk or driveway")));
            for (String bin : List.of("Garbage bin", "Blue bin (recycling)", "Green bin (organics)")) {
                page.getByRole(AriaRole.GROUP, named("Which bins were left out of place? (required)"))
                        .getByLabel(bin)
                        .check();
            }
            page.getByLabel("Where were the bins left? (required)").selectOption("SIDEWALK");
            assertThat(page.getByLabel("Address or intersection")).hasValue("1433 Queen St E");
            // A reply begun before filing is not lost to it.
            page.getByLabel("Your reply, signed ^Sam R.").fill("Got it, Amara.");
            page.getByRole(AriaRole.BUTTON, named("File the request")).click();

            // The notice of the filing, not the page's announcer region (both are status regions), which the page being
            // left may still show while the next one loads.
            Locator status = page.locator("p.notice[role=status]")
                    .filter(new Locator.FilterOptions().setHasText("filed from the message"));
            assertThat(status)
                    .containsText(
                            "filed from the message. Repeat problem: report 6 here; escalated to the area's supervisor");
            // Named as colleagues know them, not by a directory key.
            assertThat(status).containsText(java.util.regex.Pattern.compile("area's supervisor, [A-Z][a-z]+ [A-Z]"));
            String publicId = status.textContent().replaceAll("(?s)^Request (\\S+) filed.*$", "$1");

            // The reply is prefilled with the tracking number and counted by X's rules as the agent edits it.
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
            Locator reply = page.getByLabel("Your reply, signed ^Sam R.");
            assertThat(reply).hasValue(java.util.regex.Pattern.compile("^Got it, Amara\\."));
            assertThat(reply)
                    .hasValue(java.util.regex.Pattern.compile(
                            ".*" + publicId + " and raised it with the area's supervisor as a repeat problem\\..*"));
            reply.press("Control+End");
            reply.pressSequentially(" Thank you for your patience.");
            assertThat(page.locator("#length")).containsText("of 280 characters with the signature");
            page.getByRole(AriaRole.BUTTON, named("Send the reply")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Reply sent.");

            var filed = jdbc.sql(
                            """
                            select r.repeat_count, r.department_code, r.expected_at is not null as due,
                                (select count(*) from request_media m where m.request_id = r.id) as photos,
                                (select string_agg(e.kind || ':' || e.person_key, ',') from request_escalation e
                                 where e.request_id = r.id) as escalations
                            from service_request r where r.public_id = :id""")
                    .param("id", publicId)
                    .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getInt(4)
                            + " " + rs.getString(5))
                    .single();
            org.assertj.core.api.Assertions.assertThat(filed).startsWith("6 SWM true 2 REPEAT_PROBLEM:");

            String sent = jdbc.sql("select body_text from notification where channel = 'X' and recipient = :post"
                            + " and idempotency_key like 'conversation-%'")
                    .param("post", POST_ID)
                    .query(String.class)
                    .single();
            org.assertj.core.api.Assertions.assertThat(sent)
                    .contains("/requests/" + publicId)
                    .endsWith("Thank you for your patience. ^Sam R.");
            int counted = sent.replaceAll("https?://\\S+", "x".repeat(23))
                    .codePointCount(
                            0, sent.replaceAll("https?://\\S+", "x".repeat(23)).length());
            org.assertj.core.api.Assertions.assertThat(counted).isLessThanOrEqualTo(280);

            // The division closes it; the resident hears of it in the same thread, signed by who closed it.
            work.transition(
                    "toronto.ca",
                    publicId,
                    new Transition(
                            "completed",
                            "We returned your bins and the route supervisor spoke to the crew about 1433 Queen St E.",
                            null,
                            Resolution.FIXED),
                    new Actor("swm", "console"));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                                            """
                                            select body_text from notification where channel = 'X'
                                              and recipient = :post and idempotency_key like 'status:%'""")
                                    .param("post", POST_ID)
                                    .query(String.class)
                                    .list())
                            .singleElement()
                            .satisfies(update -> org.assertj.core.api.Assertions.assertThat(update)
                                    .startsWith("Update on request " + publicId)
                                    .endsWith("^Luis O.")));
        }
    }
}
