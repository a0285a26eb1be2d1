package org.civic311.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.List;
import java.util.Map;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Browsers;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public map draws requests from the Open311 API in clusters, lists them in text, and filters them. */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestMapBrowserTests {

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

    String graffiti(String address, double lat, double lon) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(lat, lon, address, null, null),
                        "Tags on the bin",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
    }

    @Test
    void aResidentSeesWhatWasReportedNearTheirAddressAndIsToldWhenTheAddressIsNotFound() {
        String close = graffiti("1128 Queen St E", 43.66245, -79.33500);
        String far = graffiti("1031 Queen St W", 43.64376, -79.41940);
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map");
            page.getByLabel("Near an address").fill("1130 Queen St E");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();

            assertThat(page.locator("main")).containsText("Within 500 m of 1130 Queen St E.");
            assertThat(page.locator("#list tbody")).containsText(close);
            assertThat(page.locator("#list tbody")).not().containsText(far);
            assertThat(page.getByLabel("Near an address")).hasValue("1130 Queen St E");

            page.getByLabel("Near an address").fill("12 Nowhere Lane");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page.getByRole(AriaRole.ALERT))
                    .hasText("“12 Nowhere Lane” was not found in the city: check the address, or choose a ward.");
        }
    }

    @Test
    void withoutLeafletTheListOfRequestsStillComesAndNoBrokenMapIsShown() {
        String west = graffiti("1035 Queen St W", 43.6437, -79.4196);
        try (BrowserContext context = browser.newContext()) {
            // Leaflet blocked, as a content blocker or a connection that dropped its scripts would leave it.
            context.route("**/webjars/**", com.microsoft.playwright.Route::abort);
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map");
            assertThat(page.locator("#list tbody")).containsText(west);
            assertThat(page.locator("#map")).isHidden();
        }
    }

    @Test
    void theMapShowsTheRequestsInClustersAndAsAListAndFiltersThem() {
        String east = graffiti("1130 Queen St E", 43.6624919, -79.3348278);
        String eastNeighbour = graffiti("1167 Queen St E", 43.6624909, -79.3328836);
        String west = graffiti("1033 Queen St W", 43.6437614, -79.4194418);

        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map");
            // The map opens on the box around the city's wards: Toronto's, for the demo city.
            String[] box = page.locator("#map").getAttribute("data-bounds").split(",");
            org.assertj.core.api.Assertions.assertThat(Double.parseDouble(box[0]))
                    .isBetween(43.5, 43.7);
            org.assertj.core.api.Assertions.assertThat(Double.parseDouble(box[3]))
                    .isBetween(-79.2, -79.0);
            // Tiles are laid once the map has its size; asking before then finds none.
            page.locator(".leaflet-tile")
                    .first()
                    .waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                            .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            Object zoom = page.evaluate("() => { const t = document.querySelector('.leaflet-tile');"
                    + " return t ? Number(new URL(t.src).pathname.split('/')[1]) : null; }");
            org.assertj.core.api.Assertions.assertThat(((Number) zoom).intValue())
                    .as("opened on the city, not the world")
                    .isBetween(9, 12);
            page.getByLabel("Type").selectOption(new SelectOption().setLabel("Graffiti on a City litter bin"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page.locator("#list tbody")).containsText(east);
            assertThat(page.locator("#list tbody")).containsText(west);
            assertThat(page.locator("#list tbody")).containsText(eastNeighbour);
            // Markers are drawn, the two neighbours in one cluster or side by side, depending on the zoom.
            assertThat(page.locator(".leaflet-marker-icon").first()).isVisible();
            // The list says when as the reader writes days (English here), and the keyboard skips the map to it.
            assertThat(page.locator("#list tr", new Page.LocatorOptions().setHasText(west))
                            .locator("td")
                            .nth(4))
                    .hasText(java.util.regex.Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4}$"));
            org.assertj.core.api.Assertions.assertThat(
                            page.locator("#map .leaflet-marker-icon:not(.marker-cluster)[tabindex]")
                                    .count())
                    .as("single markers are not tab stops")
                    .isZero();
            // Zoomed out, neighbours gather in a cluster, which the keyboard reaches and which says what it holds.
            for (int i = 0; i < 5 && page.locator("#map .marker-cluster").count() == 0; i++) {
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Zoom out"))
                        .click();
                page.waitForTimeout(400);
            }
            assertThat(page.locator("#map .marker-cluster").first())
                    .hasAttribute(
                            "aria-label",
                            java.util.regex.Pattern.compile("^\\d+ requests here: press Enter to zoom in$"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip the map to the list of requests"))
                    .focus();
            page.keyboard().press("Enter");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#list$"));

            String ward = page.evaluate(
                            "id => fetch('/open311/v2/requests/' + id + '.json?extensions=true').then(r => r.json())"
                                    + ".then(r => r[0].extended_attributes.ward)",
                            west)
                    .toString();
            page.getByLabel("Ward").selectOption(ward);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page.locator("#list tbody")).containsText(west);
            assertThat(page.locator("#list tbody")).not().containsText(east);
            assertThat(page.getByRole(AriaRole.STATUS))
                    .hasText(java.util.regex.Pattern.compile("^\\d+ requests?, reported from [A-Z][a-z]{2} \\d{1,2},"
                            + " \\d{4} to [A-Z][a-z]{2} \\d{1,2}, \\d{4}\\.$"));

            // "From" alone shows the 90 days from it, and says so; more than 90 days are refused before asking.
            page.getByLabel("Ward").selectOption("");
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill("2025-01-01");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("reported from Jan 1, 2025 to Mar 31, 2025.");
            page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill("2025-12-31");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Choose at most 90 days, From before To.");
            // Said on the days at fault too, and the keyboard taken there: the message is below the map.
            com.microsoft.playwright.Locator from =
                    page.getByLabel("From", new Page.GetByLabelOptions().setExact(true));
            assertThat(from).hasAttribute("aria-invalid", "true");
            assertThat(from).isFocused();
        }
    }

    @Test
    void theMapsFiltersAreKeptInItsAddressThroughAReloadAndTheOtherLanguage() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map");
            page.getByLabel("Status").selectOption("open");
            page.getByLabel("Ward").selectOption("10");
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).fill("2026-09-01");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show"))
                    .click();
            assertThat(page).hasURL(java.util.regex.Pattern.compile("/map\\?status=open&ward=10&from=2026-09-01$"));

            page.reload();
            assertThat(page.getByLabel("Status")).hasValue("open");
            assertThat(page.getByLabel("Ward")).hasValue("10");
            assertThat(page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)))
                    .hasValue("2026-09-01");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Français"))
                    .click();
            assertThat(page.getByLabel("État")).hasValue("open");
            assertThat(page.getByLabel("Quartier")).hasValue("10");

            page.navigate("http://localhost:" + port + "/map?status=<b>&ward=99999&from=yesterday");
            assertThat(page.getByLabel("État")).hasValue("");
            assertThat(page.getByLabel("Quartier")).hasValue("");
            assertThat(page.getByLabel("Du", new Page.GetByLabelOptions().setExact(true)))
                    .hasValue("");
        }
    }

    @Test
    void onAFrenchPageTheMapsOwnControlsSpeakFrench() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map?lang=fr");
            assertThat(page.locator(".leaflet-control-zoom-in")).hasAttribute("aria-label", "Zoom avant");
            assertThat(page.locator(".leaflet-control-zoom-out")).hasAttribute("aria-label", "Zoom arrière");
        }
    }

    @Test
    void withoutJavaScriptTheMapPageLeadsToTheSameRequestsAsData() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/map");
            // Playwright's text search skips noscript, so the elements are found by their place.
            assertThat(page.locator("noscript p")).containsText("The map needs JavaScript.");
            assertThat(page.locator("noscript a[href='/open-data/requests.csv']"))
                    .isVisible();
            assertThat(page.locator("noscript a[href='/open-data/requests.csv']"))
                    .hasText("requests of the last 30 days as CSV");
        }
    }

    @Test
    void aMapThatCannotReachTheApiSaysSoInThePagesLanguageNotTheBrowsers() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.route("**/open311/**", route -> route.abort());
            page.navigate("http://localhost:" + port + "/map?lang=fr");
            assertThat(page.locator("#summary")).containsText("les demandes n'ont pas pu être lues");
            assertThat(page.locator("#summary")).not().containsText("Failed to fetch");
        }
    }
}
