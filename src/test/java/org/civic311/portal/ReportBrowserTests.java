package org.civic311.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.civic311.support.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A resident reports a problem on the portal: in words, with a photo, and is stopped by an emergency. */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void switchingLanguageHalfwayThroughTheFormKeepsWhatTheResidentTyped() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.getByLabel("Describe the problem").fill("Des graffitis sur la poubelle, half typed in English");
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.getByLabel("Email, to hear of what happens").fill("aline.b@example.org");
            page.getByRole(AriaRole.LINK, named("Français")).click();

            assertThat(page.locator("html")).hasAttribute("lang", "fr");
            assertThat(page.locator("#description")).hasValue("Des graffitis sur la poubelle, half typed in English");
            assertThat(page.locator("#address")).hasValue("1033 Queen St W");
            assertThat(page.locator("#email")).hasValue("aline.b@example.org");
        }
    }

    @Test
    void aPhonesPhotoLargerThanTheCityTakesIsMadeSmallerAndSentRatherThanRefused() throws Exception {
        // Noise does not compress: 2400 by 1800 of it is a JPEG of several megabytes, over the tests' 1 MB.
        java.awt.image.BufferedImage noise =
                new java.awt.image.BufferedImage(2400, 1800, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Path photo = Files.createTempFile("large", ".jpg");
        javax.imageio.ImageIO.write(noise, "jpg", photo.toFile());
        org.assertj.core.api.Assertions.assertThat(Files.size(photo)).isGreaterThan(1024 * 1024);

        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.getByLabel("Describe the problem").fill("Tags on the bin, photographed with a phone's big camera");
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.getByLabel("Photos (JPEG or PNG, up to four, 1 MB each)").setInputFiles(photo);
            assertThat(page.locator("#photo-shrunk")).isVisible();
            assertThat(page.locator("#photo-too-large")).isHidden();
            page.getByRole(AriaRole.BUTTON, named("Send the report")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .containsText("Thank you: your report is ");
            org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                                    """
                                    select count(*) from request_media p join service_request r on r.id = p.request_id
                                    where r.description = :d""")
                            .param("d", "Tags on the bin, photographed with a phone's big camera")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aResidentStandingAtTheProblemPutsThePinWhereTheirPhoneIs() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setGeolocation(43.6437614, -79.4194418)
                .setPermissions(java.util.List.of("geolocation")))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.getByRole(AriaRole.BUTTON, named("Use where I am")).click();

            assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("where you are")))
                    .hasText("The pin is where you are now: check it, or give the address.");
            assertThat(page.locator("#lat")).hasValue("43.643761");
            assertThat(page.locator("#long")).hasValue("-79.419442");
            assertThat(page.locator("#nearby")).containsText("Spadina-Fort York");
        }
    }

    @Test
    void aResidentReportsInTheirOwnWordsWithAPhotoAndGetsATrackingNumber() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/");
            page.getByRole(AriaRole.LINK, named("Report a problem")).click();
            page.getByLabel("What is wrong?").fill("Someone sprayed graffiti on the litter bin at 1033 Queen St W");
            page.getByRole(AriaRole.BUTTON, named("Find the right kind of problem"))
                    .click();
            // The words are posted, never put in an address; switching language there and back keeps them.
            org.assertj.core.api.Assertions.assertThat(page.url()).doesNotContain("graffiti", "Queen");
            page.getByRole(AriaRole.LINK, named("Français")).click();
            assertThat(page.locator("#text")).hasValue("Someone sprayed graffiti on the litter bin at 1033 Queen St W");
            page.getByRole(AriaRole.LINK, named("English")).click();
            assertThat(page.locator("#text")).hasValue("Someone sprayed graffiti on the litter bin at 1033 Queen St W");
            page.getByRole(AriaRole.BUTTON, named("Find the right kind of problem"))
                    .click();
            page.getByRole(AriaRole.BUTTON, named("Graffiti on a City litter bin"))
                    .first()
                    .click();
            org.assertj.core.api.Assertions.assertThat(page.url()).doesNotContain("graffiti", "Queen");

            assertThat(page.getByLabel("Describe the problem"))
                    .hasValue("Someone sprayed graffiti on the litter bin at 1033 Queen St W");
            assertThat(page.getByLabel("Address or nearest intersection")).hasValue("1033 Queen St W");
            Path photo = Files.createTempFile("graffiti", ".jpg");
            Files.write(photo, Images.jpegWithExif());
            page.getByLabel("Photos (JPEG or PNG, up to four, 1 MB each)").setInputFiles(photo);
            page.getByLabel("Email, to hear of what happens").fill("amir.k@example.org");
            page.getByRole(AriaRole.BUTTON, named("Send the report")).click();

            Locator sent = page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
            assertThat(sent).containsText("Thank you: your report is ");
            String publicId = sent.textContent().replaceAll("^.* is (\\S+)$", "$1");
            page.getByRole(AriaRole.LINK, named("Follow it here")).click();
            assertThat(page.locator("h1")).hasText("Request " + publicId);
            assertThat(page.locator("main")).containsText("Graffiti on a City litter bin");
            assertThat(page.locator("main img.thumbnail")).hasCount(1);
            assertThat(page.locator("main")).not().containsText("amir.k@example.org");
            org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                                    """
                                    select r.channel || ' ' || p.email || ' ' || (r.lat is not null) from service_request r
                                    join request_reporter p on p.request_id = r.id where r.public_id = :id""")
                            .param("id", publicId)
                            .query(String.class)
                            .single())
                    .isEqualTo("WEB amir.k@example.org true");
        }
    }

    @Test
    void aRefusedReportOnAPhoneLeadsTheResidentToTheFieldAtFault() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.getByLabel("Describe the problem").fill("Tags on the bin by the streetcar stop");
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.locator("#phone").fill("call me");
            page.getByRole(AriaRole.BUTTON, named("Send the report")).click();

            Locator refusal = page.locator("#form-error");
            assertThat(refusal).isFocused();
            String valid = page.locator("#email")
                    .evaluate("e => getComputedStyle(e).borderTopWidth")
                    .toString();
            page.getByRole(AriaRole.LINK, named("Go to the field.")).click();
            assertThat(page.locator("#phone")).isFocused();
            assertThat(page.locator("#phone")).isInViewport();
            org.assertj.core.api.Assertions.assertThat(page.locator("#phone")
                            .evaluate("e => getComputedStyle(e).borderTopWidth")
                            .toString())
                    .as("the field at fault is marked by more than colour")
                    .isNotEqualTo(valid);
        }
    }

    @Test
    void aQuestionWithSeveralAnswersIsAnsweredByTickingBoxesWithTheKeyboard() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWM-BIN-DAMAGED");
            page.getByLabel("Describe the problem").fill("The lid and a wheel broke off, ticked with the keyboard");
            page.getByLabel("Which bin is damaged?").selectOption("GARBAGE");
            for (String answer : new String[] {"Lid or hinge", "Wheel or axle"}) {
                page.getByLabel(answer).focus();
                page.keyboard().press("Space");
            }
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.getByRole(AriaRole.BUTTON, named("Send the report")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .containsText("Thank you: your report is ");
            org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                                    """
                                    select attributes -> 'DAMAGE' ->> 0 || ' ' || (attributes -> 'DAMAGE' ->> 1)
                                    from service_request where description = :d""")
                            .param("d", "The lid and a wheel broke off, ticked with the keyboard")
                            .query(String.class)
                            .single())
                    .isEqualTo("LID WHEEL");
        }
    }

    @Test
    void onAPhoneOneFingerOverTheMapScrollsThePageInsteadOfMovingTheMap() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844)
                .setIsMobile(true)
                .setHasTouch(true)
                .setUserAgent("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0 Mobile Safari/537.36"))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            assertThat(page.locator("#pin-map")).hasClass(java.util.regex.Pattern.compile("\\bleaflet-touch-zoom\\b"));
            assertThat(page.locator("#pin-map"))
                    .not()
                    .hasClass(java.util.regex.Pattern.compile("\\bleaflet-touch-drag\\b"));
            assertThat(page.locator("#pin-map")).hasCSS("touch-action", "pan-x pan-y");
        }
    }

    @Test
    void morePhotosThanAReportTakesAreRefusedBeforeTheyAreSent() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            Path[] five = new Path[5];
            for (int i = 0; i < five.length; i++) {
                five[i] = Files.createTempFile("bin" + i, ".png");
                Files.write(five[i], Images.png(8, 8));
            }
            page.locator("#photo").setInputFiles(five);
            assertThat(page.locator("#photo-too-many")).isVisible();
            assertThat(page.locator("#photo-too-many")).containsText("At most 4 photos go with a report");
            assertThat(page.locator("#photo")).hasValue("");
            // The field says it is at fault, and a second refusal is said again rather than left as it was.
            assertThat(page.locator("#photo")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#photo")).hasAttribute("aria-describedby", "photo-too-many photo-hint");
            page.evaluate("() => { window.toggled = 0; new MutationObserver(() => window.toggled++)"
                    + ".observe(document.getElementById('photo-too-many'), {attributes: true}); }");
            page.locator("#photo").setInputFiles(five);
            assertThat(page.locator("#photo-too-many")).isVisible();
            page.waitForFunction("() => window.toggled >= 2");
            page.locator("#photo").setInputFiles(five[0]);
            assertThat(page.locator("#photo-too-many")).isHidden();
            assertThat(page.locator("#photo")).not().hasAttribute("aria-invalid", "true");
        }
    }

    @Test
    void anEmergencyStopsTheReportOnAPhoneSizedScreenInFrench() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report?lang=fr");
            assertThat(page.locator("h1")).hasText("Signaler un problème");
            page.getByLabel("Qu'est-ce qui ne va pas ?")
                    .fill("La maison de mon voisin est en feu, il y a de la fumée partout");
            page.getByRole(AriaRole.BUTTON, named("Trouver le bon type de problème"))
                    .click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Cela ressemble à une urgence. Composez le 911 maintenant.");
            assertThat(page.getByRole(AriaRole.LINK, named("911"))).hasAttribute("href", "tel:911");
        }
    }

    @Test
    void anAddressFromTheSuggestionsOrAPhotoThatKnowsWhereItWasTakenPutsThePin() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.waitForFunction("() => window.htmx !== undefined");
            page.getByLabel("Address or nearest intersection").pressSequentially("1033 Queen St");
            assertThat(page.locator("#address-options option[value='1033 Queen St W']"))
                    .hasCount(1);
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.getByLabel("Address or nearest intersection").press("Tab");
            assertThat(page.locator("#lat")).hasValue(java.util.regex.Pattern.compile("^43\\.64\\d+"));
            assertThat(page.locator("#long")).hasValue(java.util.regex.Pattern.compile("^-79\\.41\\d+"));
            assertThat(page.locator("#nearby")).containsText("Ward: Spadina-Fort York");

            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            page.waitForFunction("() => window.htmx !== undefined");
            // The tests' store takes 1 MB: a larger photo is said at once, and not sent.
            Path large = Files.createTempFile("large", ".jpg");
            Files.write(large, new byte[2 * 1024 * 1024]);
            page.getByLabel("Photos (JPEG or PNG, up to four, 1 MB each)").setInputFiles(large);
            assertThat(page.getByText("A photo is larger than 1 MB, the most a photo may be"))
                    .isVisible();
            org.assertj.core.api.Assertions.assertThat(page.locator("#photo").evaluate("e => e.files.length"))
                    .isEqualTo(0);
            Path unplaced = Files.createTempFile("shared", ".png");
            Files.write(unplaced, Images.png(40, 30));
            page.getByLabel("Photos (JPEG or PNG, up to four, 1 MB each)").setInputFiles(unplaced);
            assertThat(page.getByText("This photo does not say where it was taken"))
                    .isVisible();
            assertThat(page.getByText("A photo is larger than 1 MB")).isHidden();
            Path photo = Files.createTempFile("taken-at", ".jpg");
            Files.write(photo, Images.jpegTakenAt(43.6532, -79.3832));
            page.getByLabel("Photos (JPEG or PNG, up to four, 1 MB each)").setInputFiles(photo);
            assertThat(page.getByText("The pin is where your photo was taken.")).isVisible();
            assertThat(page.locator("[role=status]:has(#photo-located)"))
                    .containsText("The pin is where your photo was taken.");
            assertThat(page.getByText("This photo does not say where it was taken"))
                    .isHidden();
            assertThat(page.locator("#lat")).hasValue("43.653200");
            assertThat(page.locator("#long")).hasValue("-79.383200");
            assertThat(page.locator(".leaflet-marker-icon")).hasCount(1);
            assertThat(page.locator(".leaflet-marker-icon")).hasAttribute("alt", "Where the problem is");
            // An address the city cannot find describes the place the pin marks: the pin stays, and is sent.
            page.getByLabel("Address or nearest intersection").fill("Behind the old arena");
            page.getByLabel("Address or nearest intersection").press("Tab");
            assertThat(page.locator("#lat")).hasValue("43.653200");
            assertThat(page.locator("#long")).hasValue("-79.383200");
        }
    }

    @Test
    void aResidentReportsWithTheKeyboardAlone() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/");
            tabTo(page, "a[href='/report']");
            follow(page);
            tabTo(page, "#text");
            page.keyboard().type("Someone sprayed graffiti on the litter bin at 1033 Queen St W");
            tabTo(page, "button[type=submit]");
            follow(page);
            tabTo(page, "button[form=chosen][value='SWLMALB-02']");
            follow(page);
            assertThat(page.locator("h1")).hasText("Report: Graffiti on a City litter bin");
            // The map takes the keyboard too: Enter puts the pin at its centre, and says so.
            tabTo(page, "#pin-map");
            page.keyboard().press("Enter");
            assertThat(page.locator("#lat")).hasValue(java.util.regex.Pattern.compile("^43\\.\\d+"));
            assertThat(page.locator("#pin-placed")).hasText("The pin is in place.");
            tabTo(page, "button[type=submit]");
            follow(page);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .containsText("Thank you: your report is ");
        }
    }

    /** Presses Enter on a link or a submit button and waits for the page it leads to. */
    @Test
    void withoutJavaScriptTheFormAsksForAnAddressAndOffersNoMapToSteer() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/report/SWLMALB-02");
            assertThat(page.locator("#map-keys")).hasText(java.util.regex.Pattern.compile("^With the keyboard"));
            assertThat(page.locator("#map-keys")).isHidden();
            assertThat(page.locator("#map-label")).isHidden();
            page.getByLabel("Describe the problem").fill("Graffiti sprayed over the litter bin");
            page.getByLabel("Address or nearest intersection").fill("1033 Queen St W");
            page.getByRole(AriaRole.BUTTON, named("Send the report")).click();

            Locator sent = page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
            assertThat(sent).containsText("Thank you: your report is ");
            String publicId = sent.textContent().replaceAll("^.* is (\\S+)$", "$1");
            org.assertj.core.api.Assertions.assertThat(
                            jdbc.sql("select lat is not null from service_request where public_id = :id")
                                    .param("id", publicId)
                                    .query(Boolean.class)
                                    .single())
                    .as("placed from the address alone")
                    .isTrue();
        }
    }

    static void follow(Page page) {
        page.waitForNavigation(() -> page.keyboard().press("Enter"));
        page.waitForLoadState();
    }

    /** Presses Tab until the element is focused, as a keyboard user would; fails if it can never be reached. */
    static void tabTo(Page page, String selector) {
        for (int presses = 0; presses < 60; presses++) {
            page.keyboard().press("Tab");
            if ((Boolean) page.evaluate(
                    "s => document.activeElement !== null && document.activeElement.matches(s)", selector)) {
                return;
            }
        }
        throw new AssertionError(selector + " cannot be reached with the Tab key");
    }
}
