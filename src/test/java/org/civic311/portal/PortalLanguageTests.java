package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portal in English and French: by the browser's language or the resident's choice, from complete bundles. */
@Civic311Test
class PortalLanguageTests {

    @LocalServerPort
    int port;

    static Properties bundle(String name) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = PortalLanguageTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theEnglishAndFrenchBundlesHaveTheSameKeys() throws Exception {
        assertThat(bundle("portal_fr").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("portal").stringPropertyNames());
        assertThat(bundle("mail_fr").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("mail").stringPropertyNames());
    }

    HttpResponse<String> get(HttpClient client, String path, String language) throws Exception {
        // As a browser asks: for a page.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePortalSpeaksTheBrowsersLanguageOrTheOneChosen() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        assertThat(get(plain, "/", "fr-CA,fr;q=0.9").body())
                .contains("<html lang=\"fr\">")
                .contains("Données ouvertes")
                .contains("Suivre une demande");
        assertThat(get(plain, "/", "en-CA").body())
                .contains("<html lang=\"en\">")
                .contains("Open data");
        // A language the portal does not have falls back to English, and says so.
        assertThat(get(plain, "/", "es-MX").body())
                .contains("<html lang=\"en\">")
                .contains("Open data");

        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        assertThat(get(browser, "/map?lang=fr", "en").body()).contains("Carte des demandes");
        // The choice is kept for the next pages, whatever the browser says.
        assertThat(get(browser, "/", "en").body()).contains("Données ouvertes");

        // The team page switches too, and the page a French update's "stop" link opens is in French.
        HttpClient another = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        assertThat(get(another, "/team?lang=fr", "en").body()).contains("Qui vous répond au 311");
        assertThat(get(another, "/unfollow/no-such-token?lang=fr", "en").body())
                .contains("<html lang=\"fr\"", "Rien à arrêter");
        assertThat(get(HttpClient.newHttpClient(), "/unfollow/no-such-token", "en")
                        .body())
                .contains("<html lang=\"en\"", "Nothing to stop");
    }

    @Test
    void theReportFormSaysWhatIsPublishedWhatIsKeptAndForHowLong() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String english = get(client, "/report/SWLMALB-02", "en").body();
        assertThat(english)
                .contains("its place and your photos are public")
                .contains("let go of 730 days after the request is closed", "To see or erase what the city keeps");
        assertThat(get(client, "/report/SWLMALB-02", "fr").body())
                .contains("effacés 730 jours après la fermeture de la demande");
        assertThat(get(client, "/report/MLS-INADEQUATE-HEAT", "en").body())
                .as("a home's problem: its address and photos stay with staff")
                .contains("never the home&#39;s address", "your photos are seen by the city&#39;s staff alone")
                .doesNotContain("its place and your photos are public");
    }

    @Test
    void anAddressNoPageAnswersIsTheResidentsLanguageNotTheServersPage() throws Exception {
        HttpResponse<String> french = get(HttpClient.newHttpClient(), "/requests/1000001/", "fr-CA,fr;q=0.9");
        assertThat(french.statusCode()).isEqualTo(404);
        assertThat(french.body())
                .contains("<html lang=\"fr\"", "Introuvable", "La page d")
                .doesNotContain("Whitelabel");
        HttpResponse<String> english = get(HttpClient.newHttpClient(), "/requests/1000001/", "en");
        assertThat(english.body()).contains("Not found", "The home page");
    }

    @Test
    void aPortalProblemIsSaidInTheResidentsLanguageWithTheSwitchToTheOther() throws Exception {
        HttpResponse<String> french = get(HttpClient.newHttpClient(), "/requests/99999999", "fr-CA,fr;q=0.9");

        assertThat(french.statusCode()).isEqualTo(404);
        assertThat(french.body())
                .contains("<html lang=\"fr\"", "Introuvable", "Il n&#39;y a pas de demande 99999999.")
                .doesNotContain("En détail (en anglais)", "no request")
                .as("the same page in English, from the switch every page has")
                .contains("href=\"/requests/99999999?lang=en\"");
        HttpResponse<String> mistyped = get(HttpClient.newHttpClient(), "/requests?number=12%2F34", "fr");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(mistyped.body())
                .contains("Un numéro de suivi n&#39;a que des lettres")
                .contains("href=\"/requests?number=12%2F34&amp;lang=en\"");
        HttpResponse<String> noSuchType = get(HttpClient.newHttpClient(), "/report/NO-SUCH-TYPE", "fr");
        assertThat(noSuchType.body()).contains("La ville ne prend pas (ou plus) de signalements du type NO-SUCH-TYPE");
    }

    @Test
    void theCataloguesEnglishWordsOnAFrenchPageAreMarkedAsEnglish() throws Exception {
        String french =
                get(HttpClient.newHttpClient(), "/report/SWM-BIN-LEFT", "fr").body();
        String english =
                get(HttpClient.newHttpClient(), "/report/SWM-BIN-LEFT", "en").body();

        assertThat(french)
                .containsPattern("<span lang=\"en\">Which bins[^<]*</span> <span>\\(obligatoire\\)</span>")
                .containsPattern("value=\"GREEN_BIN\"[^>]*>\\s*<span lang=\"en\">");
        assertThat(english).doesNotContain("lang=\"en\">Which bins");
    }
}
