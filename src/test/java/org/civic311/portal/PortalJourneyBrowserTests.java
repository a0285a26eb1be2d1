package org.civic311.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Axe;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.civic311.support.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident's whole visit, in English and French, on a desktop and on a phone-sized screen: stopped by an emergency,
 * a report with a photo and a pin on the map, a duplicate found nearby and followed instead, a request tracked by its
 * number, and the open data downloaded; axe-core checks each page on the way. The words on screen come from the
 * portal's message bundles, so the test reads each language as its residents do.
 */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalJourneyBrowserTests {

    static final String TYPE = "Graffiti on a City litter bin";

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

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

    /** The portal's words in one language, formatted as the application formats them. */
    record Words(Locale locale, ResourceBundle bundle) {
        static Words of(String language) {
            Locale locale = Locale.forLanguageTag(language);
            return new Words(
                    locale,
                    ResourceBundle.getBundle(
                            "i18n/portal",
                            locale,
                            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }

        String say(String key, Object... arguments) {
            return new MessageFormat(bundle.getString(key), locale).format(arguments);
        }
    }

    @ParameterizedTest(name = "{0} at {1}x{2}")
    @CsvSource({"en, 1280, 900", "fr, 1280, 900", "en, 390, 844", "fr, 390, 844"})
    void aResidentIsStoppedByAnEmergencyReportsWithPhotoAndPinFollowsADuplicateTracksAndDownloads(
            String language, int width, int height) throws Exception {
        Words words = Words.of(language);
        List<String> violations = new ArrayList<>();
        String base = "http://localhost:" + port;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale(language)
                .setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.navigate(base + "/?lang=" + language);
            violations.addAll(Axe.seriousViolations(page, "home"));

            // An emergency stops the report before anything is sent.
            page.getByRole(AriaRole.LINK, named(words.say("home.report"))).click();
            page.getByLabel(words.say("report.what"))
                    .fill(
                            language.equals("fr")
                                    ? "La maison de mon voisin est en feu, il y a de la fumée partout"
                                    : "The house next door is on fire and there is smoke everywhere");
            page.getByRole(AriaRole.BUTTON, named(words.say("report.suggest"))).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText(words.say("report.emergency"));
            violations.addAll(Axe.seriousViolations(page, "emergency"));

            // A report in the resident's words, placed by a pin on the map, with a photo.
            page.navigate(base + "/report");
            page.getByLabel(words.say("report.what")).fill("Someone sprayed graffiti on the litter bin");
            page.getByRole(AriaRole.BUTTON, named(words.say("report.suggest"))).click();
            page.getByRole(AriaRole.BUTTON, named(TYPE)).first().click();
            assertThat(page.locator("h1")).hasText(words.say("report.form.title", TYPE));
            waitForHtmx(page);
            page.locator("#pin-map").click();
            assertThat(page.locator("#lat")).not().hasValue("");
            double lat = Double.parseDouble(page.locator("#lat").inputValue());
            double lon = Double.parseDouble(page.locator("#long").inputValue());
            String earlier = openRequestAt(lat, lon);
            // The pin moved to the same place: the nearby list now has the earlier report, and the ward is named.
            page.waitForResponse(response -> response.url().contains("/nearby"), () -> page.locator("#pin-map")
                    .click());
            assertThat(page.locator("#nearby")).containsText(earlier);
            assertThat(page.locator("#nearby")).containsText(words.say("report.ward"));
            violations.addAll(Axe.seriousViolations(page, "report form"));
            page.getByLabel(words.say("report.form.description")).fill("Fresh tags on the bin by the bus stop");
            Path photo = Files.createTempFile("tags", ".jpg");
            Files.write(photo, Images.jpegWithExif());
            // The size allowed, as this instance is configured (1 MB).
            page.getByLabel(words.say("report.form.photos", 1)).setInputFiles(photo);
            page.getByRole(AriaRole.BUTTON, named(words.say("report.form.send")))
                    .click();
            String sentPrefix = words.say("report.done.title", "");
            Locator sent = page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
            assertThat(sent).containsText(sentPrefix.strip());
            String mine = sent.textContent()
                    .strip()
                    .substring(sentPrefix.strip().length())
                    .strip();
            violations.addAll(Axe.seriousViolations(page, "report sent"));
            org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                                    """
                                    select count(m.id) from service_request r join request_media m on m.request_id = r.id
                                    where r.public_id = :id and abs(r.lat - :lat) < 0.001 and abs(r.lon - :lon) < 0.001""")
                            .param("id", mine)
                            .param("lat", lat)
                            .param("lon", lon)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);

            // Another resident at the same place finds the earlier report and follows it instead of sending another.
            page.navigate(base + "/report/SWLMALB-02");
            waitForHtmx(page);
            page.waitForResponse(response -> response.url().contains("/nearby"), () -> page.locator("#pin-map")
                    .click());
            page.locator("#nearby")
                    .getByRole(AriaRole.LINK)
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(earlier))
                    .click();
            assertThat(page.locator("h1")).hasText(words.say("request.title", earlier));
            // A slip is answered with the keyboard on the address to correct, not at the top of the page.
            page.getByLabel(words.say("request.follow.label")).fill("neighbour at example.org");
            page.getByRole(AriaRole.BUTTON, named(words.say("request.follow.submit")))
                    .click();
            assertThat(page.getByLabel(words.say("request.follow.label"))).isFocused();
            page.getByLabel(words.say("request.follow.label")).fill("neighbour." + language + width + "@example.org");
            page.getByRole(AriaRole.BUTTON, named(words.say("request.follow.submit")))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText(words.say("request.follow.check"));
            // Said first in the title a screen reader reads on arrival, and the page opens where the answer is.
            org.assertj.core.api.Assertions.assertThat(page.title())
                    .startsWith(words.say("request.follow.check") + " · ");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#follow$"));
            violations.addAll(Axe.seriousViolations(page, "request followed"));

            // Tracking by number, from the home page.
            page.navigate(base + "/");
            page.getByLabel(words.say("home.track.label")).fill(mine);
            page.getByRole(AriaRole.BUTTON, named(words.say("home.track.submit")))
                    .click();
            assertThat(page.locator("h1")).hasText(words.say("request.title", mine));
            assertThat(page.locator("main img.thumbnail")).hasCount(1);
            assertThat(page.locator("#request-map .leaflet-marker-icon")).hasCount(1);
            violations.addAll(Axe.seriousViolations(page, "request tracked"));

            // The open data, downloaded from the home page.
            page.navigate(base + "/");
            Download download = page.waitForDownload(
                    () -> page.getByRole(AriaRole.LINK, named("CSV")).click());
            String csv = Files.readString(download.path());
            org.assertj.core.api.Assertions.assertThat(csv)
                    .startsWith("service_request_id,")
                    .contains(mine)
                    .doesNotContain("neighbour.");
        }
        org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
    }

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    static void waitForHtmx(Page page) {
        page.waitForFunction("() => window.htmx !== undefined");
    }

    /** An open report of the same type at the place, made earlier by someone else. */
    String openRequestAt(double lat, double lon) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(lat, lon, null, null, null),
                        "Graffiti on the bin",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }
}
