package org.civic311.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.List;
import org.civic311.conversations.ConversationChannel;
import org.civic311.conversations.Inbox;
import org.civic311.conversations.IncomingMessage;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Story 6, many agents and one voice, with two agents in two browser sessions: one owner at a time, the colleague
 * sees who is answering and that a reply is being written, cannot take or answer it, and the reply is signed by its
 * writer.
 */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyAgentsBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Inbox inbox;

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

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void twoAgentsShareTheInboxWithOneOwnerPerConversationAndOneSignedReply() {
        long id = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.FEDIVERSE,
                        "113600000000000001",
                        "113600000000000001",
                        null,
                        "lena@mastodon.example",
                        "Lena",
                        null,
                        "@City311 a tree branch is hanging over the bike lane on Harbord",
                        Instant.now(),
                        List.of(),
                        "public"))
                .conversationId();
        String url = "http://localhost:" + port + "/staff/inbox/" + id;

        try (BrowserContext first = browser.newContext();
                BrowserContext second = browser.newContext()) {
            Page sam = signIn(first, "agent");
            Page jordan = signIn(second, "agent2");

            sam.navigate(url);
            sam.getByRole(AriaRole.BUTTON, named("Take this conversation")).click();
            assertThat(sam.getByRole(AriaRole.STATUS)).hasText("It is yours.");
            sam.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");

            jordan.navigate(url);
            assertThat(jordan.locator(".holder")).containsText("Held by Sam Rivera.");
            assertThat(jordan.getByLabel("Your reply, signed ^Jordan L.")).hasCount(0);
            // Taking it anyway is refused by the server, not only hidden by the page.
            jordan.getByRole(AriaRole.BUTTON, named("Take this conversation")).click();
            assertThat(jordan.getByRole(AriaRole.ALERT)).containsText("The conversation is held by agent");

            // A ready reply in the resident's language, counted at once; Sam writes his own instead.
            sam.getByLabel("Start from")
                    .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Ask for a photo"));
            assertThat(sam.getByLabel("Your reply, signed ^Sam R."))
                    .hasValue(java.util.regex.Pattern.compile("^Thank you. Could you send us a photo.*"));
            // Said to a screen reader, which would not otherwise know the box was filled.
            assertThat(sam.locator("#announcer"))
                    .hasText("The reply starter is in your reply box: read it before sending.");
            assertThat(sam.locator("#length")).hasText("93 of 500 characters with the signature");
            sam.getByLabel("Your reply, signed ^Sam R.").fill("");
            String empty = sam.locator("#length").textContent();
            sam.getByLabel("Your reply, signed ^Sam R.")
                    .pressSequentially("Thanks Lena, a forestry crew will trim it this week.");
            // Counted on the server as Sam types (Mastodon: 500, the mention, by its name alone, and the signature
            // included).
            assertThat(sam.locator("#length")).not().hasText(empty);
            assertThat(sam.locator("#length")).hasText("66 of 500 characters with the signature");
            sam.getByLabel("Start from")
                    .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("A blank reply"));
            // What Sam wrote is never replaced by a ready reply, nor cleared.
            assertThat(sam.getByLabel("Your reply, signed ^Sam R."))
                    .hasValue("Thanks Lena, a forestry crew will trim it this week.");
            jordan.navigate(url);
            assertThat(jordan.locator(".composing")).hasText("Sam Rivera is writing a reply.");

            sam.getByRole(AriaRole.BUTTON, named("Send the reply")).click();
            assertThat(sam.getByRole(AriaRole.STATUS)).hasText("Reply sent.");
            assertThat(sam.locator(".answered")).isVisible();

            jordan.navigate(url);
            assertThat(jordan.locator(".thread li").last())
                    .containsText(
                            "@lena@mastodon.example Thanks Lena, a forestry crew will trim it this week. ^Sam R.");
            assertThat(jordan.locator(".composing")).hasCount(0);
        }
    }
}
