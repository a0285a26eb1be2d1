package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.regex.Pattern;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An agent takes a call, files a request on the caller's behalf in a few keystrokes, and wraps up, in Chromium. */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void signIn() {
        context = browser.newContext();
        page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("User name").fill("agent");
        page.getByLabel("Password").fill("civic311-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL("**/staff/**");
        page.navigate("http://localhost:" + port + "/staff/contacts");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Take a call"))
                .click();
        page.waitForURL(Pattern.compile(".*/staff/contacts/\\d+$"));
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void whatTheAgentTypedAboutTheCallerIsKeptThroughARefusalAndGoesWithThemToTheKnowledgeBase() {
        page.getByLabel("Why is the caller calling?").fill("When is the green bin collected on my street?");
        page.getByLabel("Caller's name").fill("Ana Ruiz");
        page.getByRole(AriaRole.BUTTON, named("Save the caller's details")).click();

        assertThat(page.locator("#form-error"))
                .hasText("The caller's name and number are kept only if the caller agrees: tick the box, or leave"
                        + " their name and number out");
        assertThat(page.getByLabel("The caller agrees")).isFocused();
        assertThat(page).hasTitle(java.util.regex.Pattern.compile("^Not done: Contact \\d+ · Civic311$"));
        assertThat(page.getByLabel("Why is the caller calling?"))
                .hasValue("When is the green bin collected on my street?");
        assertThat(page.getByLabel("Caller's name")).hasValue("Ana Ruiz");

        page.getByLabel("The caller agrees").check();
        page.getByLabel("Caller's phone").fill("416-555-0101 x23");
        page.getByRole(AriaRole.BUTTON, named("Search the knowledge base")).click();
        assertThat(page.getByLabel("What does the caller ask?"))
                .hasValue("When is the green bin collected on my street?");
        page.getByRole(AriaRole.LINK, named("← Back to the call")).click();
        assertThat(page.getByLabel("Why is the caller calling?"))
                .hasValue("When is the green bin collected on my street?");
        assertThat(page.getByLabel("Caller's phone")).hasValue("416-555-0101 x23");
    }

    @Test
    void anAgentFilesARequestForTheCallerWithSuggestionsAddressesAndThePlaceHistoryShownBeforeSaving() {
        page.getByLabel("Why is the caller calling?")
                .pressSequentially("The crew left our bins blocking the sidewalk at 30 Elm Ave again");
        assertThat(page.locator("#triage .suggestions li").first()).isVisible();
        assertThat(page.locator("#triage")).containsText("Bins not returned / left blocking sidewalk or driveway");
        assertThat(page.getByLabel("Caller's email for updates (optional, with consent)"))
                .hasAccessibleDescription(java.util.regex.Pattern.compile("^Open once the caller agrees"));
        page.getByLabel("The caller agrees").check();
        page.getByLabel("Caller's name").fill("Mei Chen");
        page.getByLabel("Caller's phone").fill("416-555-0142");
        page.getByRole(AriaRole.BUTTON, named("Save the caller's details")).click();

        // Saved: the top suggestion and the address heard are already in the request form, with what is known of the
        // place before anything else is touched.
        assertThat(page.getByLabel("Address or intersection")).hasValue("30 Elm Ave");
        assertThat(page.locator("#place")).containsText("here");
        // The page was reloaded: htmx must be listening again before the type changes.
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.waitForResponse(response -> response.url().contains("/staff/questions"), () -> page.getByLabel(
                        "Type of problem")
                .selectOption(new SelectOption().setLabel("Bins not returned / left blocking sidewalk or driveway")));
        assertThat(page.getByRole(AriaRole.GROUP, named("Which bins were left out of place? (required)")))
                .isVisible();
        // Heard, not only seen: the questions appeared below the type.
        assertThat(page.locator("#announcer")).containsText("questions, below.");

        page.getByLabel("Address or intersection").fill("");
        page.getByLabel("Address or intersection").pressSequentially("30 El");
        assertThat(page.locator("#address-options option[value='30 ELM AVE']")).hasCount(1);
        page.getByLabel("Address or intersection").fill("30 ELM AVE");
        page.getByLabel("Address or intersection").dispatchEvent("change");
        assertThat(page.locator("#place")).containsText("here");

        // Several answers are boxes to tick.
        page.getByRole(AriaRole.GROUP, named("Which bins were left out of place? (required)"))
                .getByLabel("Green bin (organics)")
                .check();
        page.getByLabel("Where were the bins left? (required)").selectOption("SIDEWALK");
        page.getByRole(AriaRole.BUTTON, named("File the request")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("filed. Give the caller this tracking number.");
        String publicId =
                page.getByRole(AriaRole.STATUS).textContent().replaceAll("(?s)^Request (\\S+) filed.*$", "$1");
        assertThat(page.locator("main")).containsText("Request " + publicId);
        // Filed on the caller's behalf, by phone, with the caller's details (they consented).
        var filed = jdbc.sql(
                        """
                        select r.channel, p.first_name, p.phone from service_request r
                        join request_reporter p on p.request_id = r.id where r.public_id = :id""")
                .param("id", publicId)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .single();
        org.assertj.core.api.Assertions.assertThat(filed).isEqualTo("PHONE Mei 416-555-0142");

        // Filed: the form folds away (Enter would file it again) and the ending is the likely one.
        assertThat(page.locator("details.filing")).not().hasAttribute("open", "");
        // A heading of the page's own, not one inside the summary that some screen readers leave out.
        assertThat(page.getByRole(AriaRole.HEADING, named("File another request for the caller")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, named("File the request"))).isHidden();
        assertThat(page.getByLabel("How did the contact end?")).hasValue("REQUEST_CREATED");
        page.getByRole(AriaRole.BUTTON, named("Wrap up the contact")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Contact wrapped up: Service request created");
        assertThat(page.locator("tbody tr").first()).containsText(publicId);
    }

    @Test
    void whatTheAgentTypedAboutTheCallerAndNeverSavedIsKeptWhenTheyWrapUp() {
        String contact = page.url().replaceAll("^.*/staff/contacts/(\\d+)$", "$1");
        page.getByLabel("Why is the caller calling?").fill("Asked when the Harbord pool opens for lanes");
        page.getByLabel("How did the contact end?").selectOption("ANSWERED");
        page.getByRole(AriaRole.BUTTON, named("Wrap up the contact")).click();
        assertThat(page.getByRole(AriaRole.STATUS))
                .containsText("Contact wrapped up: Answered from the knowledge base");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select reason from contact where id = :id")
                        .param("id", Long.parseLong(contact))
                        .query(String.class)
                        .single())
                .isEqualTo("Asked when the Harbord pool opens for lanes");
    }

    @Test
    void anEmergencyInWhatTheCallerSaysShowsTheBannerAndFilesNothing() {
        page.getByLabel("Why is the caller calling?").pressSequentially("There is a strong smell of gas in the lobby");
        assertThat(page.locator("#triage .emergency")).containsText("Call 911 now.");
        page.getByRole(AriaRole.BUTTON, named("Save the caller's details")).click();
        assertThat(page.locator("#triage .emergency")).isVisible();
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("Type of problem").selectOption(new SelectOption().setLabel("Graffiti on a City litter bin"));
        page.getByLabel("Address or intersection").fill("30 ELM AVE");
        page.getByLabel("Description, as the public will see it").fill("There is a strong smell of gas in the lobby");
        page.getByRole(AriaRole.BUTTON, named("File the request")).click();
        assertThat(page.locator("main > p.emergency")).containsText("nothing was filed");
        // Read out first, not the box the call began in.
        assertThat(page.locator("main > p.emergency")).isFocused();
        assertThat(page.locator("main")).not().containsText("Done during this contact");
    }

    @Test
    void aFalseAlarmIsFiledOnTheAgentsJudgementAfterSpeakingWithTheCaller() {
        page.getByLabel("Why is the caller calling?").pressSequentially("Graffiti on the bin that says fire");
        page.getByRole(AriaRole.BUTTON, named("Save the caller's details")).click();
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
        page.getByLabel("Type of problem").selectOption(new SelectOption().setLabel("Graffiti on a City litter bin"));
        page.getByLabel("Address or intersection").fill("30 ELM AVE");
        page.getByLabel("Description, as the public will see it")
                .fill("Someone painted the word fire and flames on the litter bin");
        page.getByRole(AriaRole.BUTTON, named("File the request")).click();
        assertThat(page.locator("main > p.emergency")).containsText("nothing was filed");

        // The refused form comes back as the agent filled it in.
        assertThat(page.getByLabel("Type of problem")).hasValue("SWLMALB-02");
        assertThat(page.getByLabel("Address or intersection")).hasValue("30 ELM AVE");
        assertThat(page.getByLabel("Description, as the public will see it"))
                .hasValue("Someone painted the word fire and flames on the litter bin");
        page.getByLabel("I have spoken with the caller: this is not an emergency (filing records my judgement)")
                .check();
        page.getByRole(AriaRole.BUTTON, named("File the request")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("filed. Give the caller this tracking number.");
    }
}
