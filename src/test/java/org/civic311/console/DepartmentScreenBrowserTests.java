package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** A Solid Waste coordinator takes a request from the queue, works it and closes it, in Chromium. */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentScreenBrowserTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    Playwright playwright;
    Browser browser;
    BrowserContext context;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

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
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(message.text());
            }
        });
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    String binsLeftAt(String address) {
        Http http = new Http(port);
        Http.Response created = http.postForm(
                "/open311/v2/requests.json",
                List.of(
                        Map.entry("api_key", "demo-key"),
                        Map.entry("service_code", "SWM-BIN-LEFT"),
                        Map.entry("address_string", address),
                        Map.entry("attribute[BINS_AFFECTED][]", "RECYCLING"),
                        Map.entry("attribute[BLOCKING]", "SIDEWALK"),
                        Map.entry("description", "Blue bin left in the middle of the sidewalk")));
        String token = JSON.readTree(created.body()).get(0).get("token").asString();
        return JSON.readTree(http.get("/open311/v2/tokens/" + token + ".json").body())
                .get(0)
                .get("service_request_id")
                .asString();
    }

    void signIn(String username) {
        page.navigate("http://localhost:" + port + "/staff");
        assertThat(page).hasTitle("Staff sign-in · Civic311");
        page.getByLabel("User name").fill(username);
        page.getByLabel("Password").fill("civic311-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
    }

    @Test
    void staffTakeWorkAndCloseARequestFromTheirQueue() {
        String id = binsLeftAt("57 Maple Cres, Toronto");
        signIn("swm");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Solid Waste Management Services");

        // Narrowing the queue by type swaps the rows in place (htmx), once htmx has started on the page.
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("Type").selectOption("SWM-BIN-LEFT");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*service=SWM-BIN-LEFT.*"));
        assertThat(page.locator("#queue-rows")).hasCount(1);
        // Said to a screen reader too, as the rows change in place.
        assertThat(page.locator("#queue-count")).hasText(java.util.regex.Pattern.compile("^\\d+ requests? shown\\.$"));
        // The rows replace the rows, not nest inside them.
        assertThat(page.locator("table.queue tbody tbody")).hasCount(0);
        // Every request shown ticked at once, for work done to all of them.
        page.getByLabel("Tick every request shown").check();
        assertThat(page.locator("#queue-rows input[name=id]").first()).isChecked();
        page.getByLabel("Tick every request shown").uncheck();
        assertThat(page.locator("#queue-rows input[name=id]").first()).not().isChecked();
        // Printed for the crew: the list, without the filters, the ticks and the navigation.
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(page.locator("form.filters")).isHidden();
        assertThat(page.locator("nav").first()).isHidden();
        assertThat(page.locator("#queue-rows input[name=id]").first()).isHidden();
        assertThat(page.locator("table.queue")).isVisible();
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(id)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("Request " + id);
        // The way back is to the queue as it was filtered.
        assertThat(page.locator("a[data-back-to-queue]"))
                .hasAttribute("href", java.util.regex.Pattern.compile("/staff/queues/SWM\\?.*service=SWM-BIN-LEFT.*"));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take it"))
                .click();
        assertThat(page.locator("#assignee")).hasText("Luis Ortega");
        page.getByLabel("Assign to a person or crew").fill("Crew 4 (Rosedale)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign"))
                .click();
        assertThat(page.locator("#assignee")).hasText("Crew 4 (Rosedale)");

        page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("in_progress");
        page.getByLabel("Note to the resident (public)").fill("We have spoken to the crew on your route.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Request " + id + " updated.");

        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("completed");
        // Choosing the resolution fills in the reply template of this service type (htmx).
        page.getByLabel("Resolution (when closing)").selectOption("FIXED");
        Locator note = page.getByLabel("Note to the resident (public)");
        assertThat(note).hasValue(java.util.regex.Pattern.compile("^Thank you for telling us.*"));
        // Heard as well as seen: the note changed under the agent's eyes.
        assertThat(page.locator("#announcer"))
                .hasText("The ready answer for Fixed is in the note to the resident: read it before sending.");
        // A note staff write themselves is theirs: another resolution, or a refusal, never wipes it.
        String written = "The crew replaced the lid this morning.";
        note.fill(written);
        page.evaluate("() => { document.getElementById('announcer').textContent = ''; }");
        page.waitForResponse(
                response -> response.url().contains("/reply"),
                () -> page.getByLabel("Resolution (when closing)").selectOption(""));
        page.waitForResponse(
                response -> response.url().contains("/reply"),
                () -> page.getByLabel("Resolution (when closing)").selectOption("REFERRED"));
        assertThat(note).hasValue(written);
        // Past the moment an announcement would have been made after the swap.
        page.waitForTimeout(300);
        // Their own note kept: nothing is said.
        assertThat(page.locator("#announcer")).hasText("");
        page.getByLabel("Resolution (when closing)").selectOption("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("A resolution is required to close a request");
        assertThat(page.getByLabel("Note to the resident (public)")).hasValue(written);
        assertThat(page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("completed");
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("Resolution (when closing)").selectOption("FIXED");
        assertThat(page.getByLabel("Note to the resident (public)")).hasValue(written);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update"))
                .click();

        assertThat(page.locator("h1 .badge").first()).hasText("Completed");
        assertThat(page.locator(".history")).containsText("We have spoken to the crew on your route.");
        assertThat(page.locator(".history")).containsText(written);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browsers.SCREENSHOTS.resolve("department-request-closed.png"))
                .setFullPage(true));

        var open311 = JSON.readTree(new Http(port)
                        .get("/open311/v2/requests/" + id + ".json")
                        .body())
                .get(0);
        assertThat(open311.get("status").asString()).isEqualTo("closed");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aRefusedChangeIsExplainedOnThePage() {
        String id = binsLeftAt("59 Maple Cres, Toronto");
        signIn("swm");
        page.navigate("http://localhost:" + port + "/staff/requests/" + id);
        page.getByLabel("Status", new Page.GetByLabelOptions().setExact(true)).selectOption("completed");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Update"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("A resolution is required to close a request");
        // The field refused is marked, described by the reason, and has the keyboard.
        assertThat(page.locator("#resolution")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#resolution")).hasAttribute("aria-describedby", "form-error");
        assertThat(page.locator("#resolution")).isFocused();

        // Whatever form was refused, what was typed in it comes back to be corrected, not typed again.
        page.getByLabel("Latitude").fill("north of the park");
        page.getByLabel("Longitude").fill("-79.4");
        page.locator("#location-reason").fill("The caller gave the corner");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Correct the place"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("latitude");
        assertThat(page.getByLabel("Latitude")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Latitude")).hasValue("north of the park");
        assertThat(page.locator("#location-reason")).hasValue("The caller gave the corner");
        // Another form's reason stays empty.
        assertThat(page.locator("#transfer-reason")).hasValue("");
    }

    @Test
    void staffOfAnotherDepartmentSeeNoWorkActions() {
        String id = binsLeftAt("61 Maple Cres, Toronto");
        signIn("roads");
        page.navigate("http://localhost:" + port + "/staff/requests/" + id);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take it")))
                .hasCount(0);
        assertThat(page.locator("#details")).hasText("Details");
    }
}
