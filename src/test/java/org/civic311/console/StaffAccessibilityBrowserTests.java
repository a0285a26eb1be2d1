package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Axe;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.civic311.support.Reports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The screens staff work in all day, the administrators' among them, have no serious or critical accessibility
 * violation by axe-core's WCAG 2.1 A and AA rules, on a desktop and on a laptop's narrow window.
 */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAccessibilityBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

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

    /** A page of the context, signed in as the demo city's administrator, who reaches every staff screen. */
    private Page signedInAsAdmin(BrowserContext context) {
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("User name").fill("admin");
        page.getByLabel("Password").fill("civic311-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL("**/staff**");
        return page;
    }

    @Test
    void twoMinutesBeforeAnUnusedSessionEndsADialogSaysSoAndKeepsItWithOneButton() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedInAsAdmin(context);
            page.clock().install();
            page.navigate("http://localhost:" + port + "/staff/profile");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                            page.locator("meta[name=session-seconds]"))
                    .hasAttribute("content", "28800");
            Locator dialog = page.getByRole(AriaRole.ALERTDIALOG);
            page.clock().runFor((8 * 60 - 3) * 60 * 1000);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dialog)
                    .isHidden();
            page.clock().runFor(61 * 1000);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dialog)
                    .containsText("You will be signed out in two minutes");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dialog.getByRole(AriaRole.BUTTON))
                    .isFocused();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stay signed in"))
                    .click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(dialog)
                    .isHidden();
        }
    }

    @Test
    void noStaffScreenHasASeriousOrCriticalViolation() {
        List<String> pages = List.of(
                "/staff/inbox",
                "/staff/knowledge",
                "/staff/inquiries",
                "/staff/inquiries/new",
                "/staff/escalations",
                "/staff/dashboard",
                "/staff/catalogue",
                "/staff/profile",
                "/staff/admin/accounts",
                "/staff/admin/accounts/agent",
                "/staff/admin/api-keys",
                "/staff/admin/catalogue/types/new",
                "/staff/admin/catalogue/types/CSROWR-12",
                "/staff/admin/catalogue/types/CSROWR-12/questions/POTHOLE_SIZE",
                "/staff/admin/catalogue/types/CSROWR-12/questions/new",
                "/staff/admin/catalogue/departments/SWM",
                "/staff/admin/catalogue/people/jmarchetti",
                "/staff/admin/catalogue/calendar",
                "/staff/admin/catalogue/replies",
                "/staff/admin/catalogue/routing",
                "/staff/requests/" + Reports.binTagged(requests, "Tags on the bin"));
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1280, 800)) {
            try (BrowserContext context =
                    browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900))) {
                Page page = signedInAsAdmin(context);
                for (String path : pages) {
                    assertThat(page.navigate("http://localhost:" + port + path).status())
                            .as(path)
                            .isEqualTo(200);
                    page.waitForLoadState();
                    // CIVIC311_SCREENSHOTS=dir keeps a picture of each screen, to look at them by eye.
                    if (System.getenv("CIVIC311_SCREENSHOTS") != null) {
                        page.screenshot(new Page.ScreenshotOptions()
                                .setFullPage(true)
                                .setPath(java.nio.file.Path.of(
                                        System.getenv("CIVIC311_SCREENSHOTS"),
                                        width + path.replace('/', '_') + ".png")));
                    }
                    problems.addAll(Axe.seriousViolations(page, width + "px " + path));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aKeyboardReachesThePagesContentFirstAndTheNavigationSaysWhereItIs() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedInAsAdmin(context);
            page.navigate("http://localhost:" + port + "/staff/escalations");
            page.keyboard().press("Tab");
            assertThat(page.evaluate("() => document.activeElement.textContent"))
                    .isEqualTo("Skip to the page's content");
            page.keyboard().press("Enter");
            assertThat(page.evaluate("() => location.hash")).isEqualTo("#main");
            assertThat(page.locator("nav[aria-label=Staff] a[aria-current=page]")
                            .allTextContents())
                    .containsExactly("My escalations");
        }
    }

    @Test
    void aBlockThatRefreshesItselfWaitsWhileItsReaderIsInsideIt() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedInAsAdmin(context);
            page.navigate("http://localhost:" + port + "/staff/dashboard");
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
            // What the minute's refresh asks htmx first: may the dashboard's figures be fetched again now?
            String refresh =
                    """
                    () => {
                      const block = document.getElementById('figures');
                      const asked = new CustomEvent('htmx:beforeRequest',
                          {bubbles: true, cancelable: true, detail: {elt: block}});
                      block.dispatchEvent(asked);
                      return !asked.defaultPrevented;
                    }""";

            assertThat(page.evaluate(refresh)).as("nobody inside: it refreshes").isEqualTo(true);
            page.getByText("Figures as a table").first().click();
            assertThat(page.evaluate(refresh)).as("a table opened: it waits").isEqualTo(false);
            page.getByText("Figures as a table").first().click();
            page.locator("#figures a").first().focus();
            assertThat(page.evaluate(refresh))
                    .as("focus on one of its links: it waits")
                    .isEqualTo(false);

            // A screen reader in browse mode moves no focus: its reader pauses the updates instead.
            Locator pause =
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause automatic updates"));
            pause.click();
            // Seen as well as heard: the button says what it does now.
            Locator resume =
                    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume automatic updates"));
            assertThat(resume.getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(page.evaluate(refresh)).as("paused: it waits").isEqualTo(false);
            resume.click();
            assertThat(pause.getAttribute("aria-pressed")).isEqualTo("false");
            assertThat(page.evaluate(refresh)).as("updates again").isEqualTo(true);
        }
    }

    @Test
    void aRefusedFormPutsTheKeyboardOnTheFieldAtFaultInTheFormThatWasSent() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signedInAsAdmin(context);
            page.navigate("http://localhost:" + port + "/staff/admin/privacy");
            page.getByLabel("The same address again").fill("hello");
            page.locator("#erase-address").fill("hello");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erase their personal data"))
                    .click();

            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#form-error"))
                    .containsText("must be an email address");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#erase-address"))
                    .isFocused();
            assertThat(page.locator("#export-address").getAttribute("aria-invalid"))
                    .isNull();
        }
    }
}
