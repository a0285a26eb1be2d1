package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The agent searches the knowledge base as the caller talks; the manager keeps a callback promise, in Chromium. */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;

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

    @BeforeEach
    void open() {
        context = browser.newContext();
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    void signIn(String username) {
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill("civic311-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL("**/staff/**");
    }

    @Test
    void anAgentFindsTheAnswerAsTheCallerTalks() {
        signIn("agent");
        page.navigate("http://localhost:" + port + "/staff/knowledge");
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("What does the caller ask?").pressSequentially("bins left blocking the sidwalk");
        assertThat(page.locator(".hits li").first()).containsText("Bins left on the sidewalk");
        assertThat(page.locator(".snippet mark").first()).isVisible();
    }

    @Test
    void theManagerSeesTheEscalationAndRecordsTheCallback() {
        Http agent = new Http(port).as("agent", "civic311-demo");
        String reference = JSON.readTree(agent.postJson(
                                "/api/v1/inquiries",
                                "{\"question\":\"Can the city tell me which crew collected on my street on 3 May?\","
                                        + "\"callerName\":\"Ravi Patel\",\"callerPhone\":\"416-555-0188\","
                                        + "\"consent\":true,\"department\":\"SWM\"}")
                        .body())
                .get("reference")
                .asString();
        agent.postJson(
                "/api/v1/inquiries/" + reference + "/escalations",
                "{\"person\":\"jmarchetti\",\"deadline\":\"" + Instant.now().plus(Duration.ofHours(2)) + "\"}");

        signIn("swm.manager");
        page.navigate("http://localhost:" + port + "/staff/escalations");
        var item =
                page.locator("li").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(reference));
        assertThat(item.locator(".badge")).containsText("Call back by");
        item.getByLabel("Outcome of the callback").fill("Told the caller our records show route 4 collected that day.");
        item.getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Record the callback"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Callback recorded for inquiry " + reference + " (kept).");
        assertThat(page.locator("main")).not().containsText("Inquiry " + reference);
    }
}
