package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
 * Every portal page, in English and French, on a desktop and a phone-sized screen, has no serious or critical
 * accessibility violation by axe-core's WCAG 2.1 A and AA rules.
 */
@Civic311Test
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTests {

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

    @Test
    void noPortalPageHasASeriousOrCriticalViolationInEitherLanguageOrScreenSize() {
        String id = Reports.binTagged(requests, "Tags on the bin");
        List<String> pages = List.of(
                "/",
                "/report",
                "/report?text=Someone+sprayed+graffiti+on+the+litter+bin",
                "/report?text=The+house+next+door+is+on+fire",
                "/report/SWM-BIN-LEFT",
                "/report/sent/" + id,
                "/requests/" + id,
                "/map",
                "/team");
        List<String> problems = new ArrayList<>();
        for (String language : List.of("en", "fr")) {
            for (int[] screen : List.of(new int[] {1280, 900}, new int[] {390, 844})) {
                try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(screen[0], screen[1])
                        .setLocale(language))) {
                    Page page = context.newPage();
                    for (String path : pages) {
                        page.navigate("http://localhost:" + port + path);
                        page.waitForLoadState();
                        problems.addAll(Axe.seriousViolations(page, language + " " + screen[0] + "px " + path));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
