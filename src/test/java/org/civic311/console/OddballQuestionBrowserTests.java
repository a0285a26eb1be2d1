package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.Http;
import org.civic311.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Story 2 in the browser, from sign-in to closed inquiry: the knowledge base has no answer, the agent logs an inquiry
 * and promises a callback by the manager "by 2:00 pm today", the manager keeps it, and two days later the agent
 * follows up and closes the inquiry. The injected clock moves instead of the test waiting.
 */
@Civic311ClockTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddballQuestionBrowserTests {

    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Playwright playwright;
    Browser browser;

    @BeforeAll
    void launch() {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    void close() {
        browser.close();
        playwright.close();
    }

    Page signIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill("civic311-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL("**/staff/**");
        return page;
    }

    static Locator.GetByRoleOptions named(String name) {
        return new Locator.GetByRoleOptions().setName(name);
    }

    @Test
    void theOddballQuestionIsEscalatedPromisedKeptAndFollowedUpToAClosedInquiry() {
        clock.set(ZonedDateTime.of(2026, 11, 18, 10, 15, 0, 0, TORONTO).toInstant());
        String question = "Which crew emptied the green bins on Zorbaville Crescent, and can I get their dashcam?";
        String reference;
        // Another caller's promise, made this morning and kept too late: it must show as broken on the dashboard.
        Http api = new Http(port).as("agent", "civic311-demo");
        var opened = api.postJson(
                "/api/v1/inquiries",
                "{\"question\":\"Who owns the fence behind the library?\",\"department\":\"SWM\"}");
        org.assertj.core.api.Assertions.assertThat(opened.status())
                .as(opened.body())
                .isEqualTo(201);
        String late = JSON.readTree(opened.body()).get("reference").asString();
        long latePromise = JSON.readTree(api.postJson(
                                "/api/v1/inquiries/" + late + "/escalations",
                                "{\"person\":\"jmarchetti\",\"deadline\":\""
                                        + ZonedDateTime.of(2026, 11, 18, 11, 0, 0, 0, TORONTO)
                                                .toInstant() + "\"}")
                        .body())
                .get("id")
                .asLong();

        try (BrowserContext agentDesk = browser.newContext()) {
            Page page = signIn(agentDesk, "agent");
            page.navigate("http://localhost:" + port + "/staff/knowledge");
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
            page.getByLabel("What does the caller ask?").fill("Zorbaville dashcam footage");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                    .click();
            assertThat(page.locator("#results")).containsText("Nothing answers that.");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log it as an inquiry"))
                    .click();

            assertThat(page.getByLabel("The caller's question")).hasValue("Zorbaville dashcam footage");
            page.getByLabel("The caller's question").fill(question);
            page.getByLabel("Department it concerns")
                    .selectOption(new SelectOption().setLabel("Solid Waste Management Services"));
            page.getByLabel("The caller agrees").check();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Ravi Patel");
            page.getByLabel("Phone").fill("416-555-0188");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log the inquiry"))
                    .click();

            page.waitForURL("**/staff/inquiries/Q*");
            reference = page.url().substring(page.url().lastIndexOf('/') + 1);
            // The department's manager is proposed; the agent promises "by 2:00 pm today".
            assertThat(page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)))
                    .hasValue("jmarchetti");
            page.getByLabel("Call back by").fill("2026-11-18T14:00");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Escalate and promise the callback"))
                    .click();
            assertThat(page.locator(".read-out"))
                    .containsText("Julian Marchetti, Manager, Collections Operations will call you back by 2:00 pm"
                            + " today. If you need to reach them first: 416-555-0118.");
        }

        clock.advance(Duration.ofHours(2)); // 12:15, before the deadline
        try (BrowserContext managerDesk = browser.newContext()) {
            Page page = signIn(managerDesk, "swm.manager");
            page.navigate("http://localhost:" + port + "/staff/escalations");
            Locator item = page.locator("li").filter(new Locator.FilterOptions().setHasText(reference));
            assertThat(item.locator(".badge")).containsText("Call back by 2026-11-18 14:00");
            // Whom to call and on which number, as the caller asked to be reached.
            assertThat(item.locator(".caller")).hasText("Call Ravi Patel at 416-555-0188");
            item.getByLabel("Outcome of the callback")
                    .fill("Our systems do not track that; one possible way needs more information from the caller.");
            item.getByRole(AriaRole.BUTTON, named("Record the callback")).click();
            assertThat(page.getByRole(AriaRole.STATUS))
                    .hasText("Callback recorded for inquiry " + reference + " (kept).");
        }
        new Http(port)
                .as("swm.manager", "civic311-demo")
                .postJson(
                        "/api/v1/callbacks/" + latePromise + "/outcome", "{\"outcome\":\"Reached the caller late.\"}");

        clock.advance(Duration.ofDays(2)); // the follow-up comes back to the first agent
        try (BrowserContext agentDesk = browser.newContext()) {
            Page page = signIn(agentDesk, "agent");
            page.navigate("http://localhost:" + port + "/staff/inquiries");
            Locator followUp = page.locator("li.follow-up").filter(new Locator.FilterOptions().setHasText(reference));
            assertThat(followUp.locator(".badge")).hasText("Due now");
            followUp.getByLabel("Resolution")
                    .fill("The manager called; the caller will send the date and time by email.");
            followUp.getByLabel("Caller's satisfaction").selectOption("4");
            followUp.getByRole(AriaRole.BUTTON, named("Close the inquiry")).click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Inquiry " + reference + " is closed.");

            page.navigate("http://localhost:" + port + "/staff/inquiries/" + reference);
            assertThat(page.locator("dl")).containsText("Closed");
            assertThat(page.locator("dl")).containsText("4 of 5");
            assertThat(page.locator("main")).containsText("Kept");
            // The dashboard is the supervisors'.
            org.assertj.core.api.Assertions.assertThat(page.navigate("http://localhost:" + port + "/staff/dashboard")
                            .status())
                    .isEqualTo(403);
        }

        try (BrowserContext supervisorDesk = browser.newContext()) {
            Page page = signIn(supervisorDesk, "supervisor");
            page.navigate("http://localhost:" + port + "/staff/dashboard");
            assertThat(page.locator("table.broken-promises")).containsText(late);
            assertThat(page.locator("main")).containsText("Time to first response and to resolution, by channel");
            assertThat(page.locator("table.broken-promises")).not().containsText(reference);
            Locator promises = page.locator("figure")
                    .filter(new Locator.FilterOptions().setHasText("Callback promises by the day they were due"));
            assertThat(promises.locator("rect[fill='#2f6f2f']")).not().hasCount(0);
            assertThat(promises.locator("rect[fill='#b00020']")).not().hasCount(0);
        }
    }
}
