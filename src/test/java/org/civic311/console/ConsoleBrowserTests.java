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
        // A screen reader hears how many, not every title and snippet at each pause in the caller's words.
        assertThat(page.locator("#announcer")).hasText(java.util.regex.Pattern.compile("^\\d+ answers? found\\.$"));
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

    @Test
    void anAgentWritesAnArticleAndASupervisorReviewsAndPublishesItForEveryone() {
        signIn("agent");
        page.navigate("http://localhost:" + port + "/staff/knowledge/articles/new");
        page.getByLabel("Title").fill("Zyzzyva Island ferry: winter timetable");
        page.getByLabel("Answer").fill("From November to March the Zyzzyva Island ferry leaves every 45 minutes.");
        page.getByLabel("Keywords, separated by commas").fill("ferry, island, winter");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the draft"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Draft saved.");
        String articleUrl = page.url();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit for review"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Submitted for review.");
        // An agent does not review, so there is nothing to publish with.
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")))
                .hasCount(0);
        context.clearCookies();

        signIn("supervisor");
        page.navigate("http://localhost:" + port + "/staff/knowledge/articles");
        var row = page.locator("tr")
                .filter(new com.microsoft.playwright.Locator.FilterOptions()
                        .setHasText("Zyzzyva Island ferry: winter timetable"));
        assertThat(row).containsText("Review");
        row.getByRole(AriaRole.LINK).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Published: agents find it now.");

        page.navigate("http://localhost:" + port + "/staff/knowledge?q=zyzzyva+ferry");
        assertThat(page.locator(".hits li").first()).containsText("Zyzzyva Island ferry: winter timetable");

        // The supervisor's own new version waits for someone else's review; the published one is still found.
        page.navigate(articleUrl);
        page.getByLabel("Answer").fill("From November to April the Zyzzyva Island ferry leaves every 45 minutes.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save a new version"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("New version saved.");
        assertThat(page.locator("main")).containsText("You wrote the last version");
        assertThat(page.locator("main")).containsText("agents see the published version until it is published");
        page.navigate("http://localhost:" + port + "/staff/knowledge?q=zyzzyva+ferry");
        assertThat(page.locator(".hits li").first()).containsText("November to March");
    }

    @Test
    void aStaffMemberSetsTheirPublicNameSignatureAndAPhotoWithoutItsLocation() throws Exception {
        signIn("roads");
        page.navigate("http://localhost:" + port + "/staff/profile");
        page.getByLabel("Team").fill("Road Operations, Toronto & East York");
        page.getByLabel("Public name (signs your replies to residents)").fill("Dana K.");
        page.getByLabel("My initials").check();
        java.nio.file.Path photo = java.nio.file.Files.createTempFile("portrait", ".jpg");
        java.nio.file.Files.write(photo, org.civic311.support.Images.jpegWithExif());
        page.getByLabel("Photo (JPEG or PNG)").setInputFiles(photo);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my profile"))
                .click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Profile saved.");
        assertThat(page.locator(".sign-off")).hasText("^DK");
        assertThat(page.locator(".profile-card")).containsText("Road Operations, Toronto & East York");
        String src = page.locator("img.portrait").getAttribute("src");
        org.assertj.core.api.Assertions.assertThat(src).startsWith("/media/");
        byte[] served = new Http(port).get(src).bytes();
        org.assertj.core.api.Assertions.assertThat(new String(served, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(org.civic311.support.Images.EXIF_MARKER);

        page.getByLabel("Public name (signs your replies to residents)").fill("<b>Dana</b>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my profile"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("must be plain text");
    }
}
