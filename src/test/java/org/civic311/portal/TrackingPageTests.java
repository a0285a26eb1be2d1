package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.civic311.requests.Channel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.ServiceRequests;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The page a reply links to shows the request's public face, and nothing of who reported it. */
@Civic311Test
class TrackingPageTests {

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Test
    void aRequestsPageShowsItsPublicFaceAndNeverItsReporter() {
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6437614, -79.4194418, "1033 Queen St W", null, null),
                        "Tags & paint on the bin, what the hell is wrong with people",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        new Reporter("Dorothy", "Lam", "dorothy.lam@example.org", "416-555-0177", "device-9", "acct-4"),
                        Channel.WEB,
                        null))
                .publicId();

        Http.Response page = new Http(port).get("/requests/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Request " + id)
                .contains("Graffiti on a City litter bin")
                .contains("1033 Queen St W")
                .contains("Submitted via")
                .contains("Tags &amp; paint")
                .doesNotContain("hell")
                .doesNotContain("Dorothy")
                .doesNotContain("Lam<")
                .doesNotContain("dorothy.lam@example.org")
                .doesNotContain("416-555-0177")
                .doesNotContain("device-9")
                .doesNotContain("acct-4")
                .as("due within days, so not late")
                .doesNotContain("Late:");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aRequestPastItsDateSaysItIsLateRatherThanShowingThePastDateAsIfItHeld() {
        String id = requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(43.6437614, -79.4194418, "1035 Queen St W", null, null),
                        "Tags on the bin again",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        Reporter.anonymous(),
                        Channel.WEB,
                        null))
                .publicId();
        jdbc.sql("update service_request set expected_at = now() - interval '3 days' where public_id = :id")
                .param("id", id)
                .update();

        assertThat(new Http(port).get("/requests/" + id).body())
                .contains("Expected by", "Late: it is past this date and still on our list.");
        assertThat(new Http(port)
                        .header("Accept-Language", "fr")
                        .get("/requests/" + id)
                        .body())
                .contains("En retard : cette date est passée");
    }

    @Test
    void anUnknownOrMalformedTrackingNumberIsAClearNotFoundOrBadRequest() {
        assertThat(new Http(port).get("/requests/99999999").status()).isEqualTo(404);
        assertThat(new Http(port).get("/requests?number=..%2F..%2Fetc").status())
                .isEqualTo(400);
        Http.Response found = new Http(port).get("/requests?number=+1000001+");
        assertThat(found.status()).isEqualTo(302);
    }

    @Autowired
    org.civic311.open311.Open311Archive archive;

    @Test
    void aTrackingNumberReadOutInGroupsOrTypedInSmallLettersFindsItsRequest() {
        archive.load(
                "toronto.ca",
                new java.io.ByteArrayInputStream(
                        """
                        [{"service_request_id": "TRK-CASE-7", "status": "open", "service_code": "SWLMALB-02",
                          "requested_datetime": "2018-10-01T09:00:00-04:00"}]"""
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Http.Response grouped = new Http(port).get("/requests?number=1000+001");
        assertThat(grouped.status()).isEqualTo(302);
        assertThat(grouped.headers().firstValue("Location").orElseThrow()).endsWith("/requests/1000001");
        assertThat(new Http(port).get("/requests/trk-case-7").status())
                .as("typed in small letters")
                .isEqualTo(200);
    }

    @Test
    void onAFrenchPageWhatCivic311WroteIsFrenchAndWhatStaffWroteIsMarkedAsTheCataloguesEnglish() {
        String id = org.civic311.support.Reports.binTagged(requests, "Tags on the bin by the French school");
        var actor = new org.civic311.requests.Actor("swm", "web");
        work.transition(null, id, new org.civic311.requests.Transition("in_progress", null, null, null), actor);
        work.addNote(null, id, "Crew booked for Thursday.", true, actor);

        String french = new Http(port).get("/requests/" + id + "?lang=fr").body();
        assertThat(french)
                .contains("<p>État changé : En cours.</p>")
                .contains("<p lang=\"en\">Crew booked for Thursday.</p>")
                .doesNotContain("Status changed to");
        assertThat(new Http(port).get("/requests/" + id).body()).contains("Status changed to In progress.");
    }

    @Test
    void anAddressThatCannotBeFollowedIsGivenBackToCorrectWithItsErrorTiedToIt() {
        String id = org.civic311.support.Reports.binTagged(requests, "Bin tagged, follow typed wrong");
        Http resident = Http.browser(port);
        Http.Response refused = resident.postForm(
                "/requests/" + id + "/follow",
                java.util.List.of(
                        java.util.Map.entry("address", "mei.chen@example"),
                        java.util.Map.entry("_csrf", resident.csrf("/requests/" + id))));
        assertThat(refused.status())
                .as("answered at once, nothing typed kept in a session")
                .isEqualTo(400);
        assertThat(refused.body())
                .contains("value=\"mei.chen@example\"")
                .contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"follow-error follow-hint\"");
    }

    @Test
    void theTrackingNumberBoxTakesLettersAsImportedNumbersHaveThem() {
        assertThat(new Http(port).get("/").body())
                .containsPattern("<input id=\"number\"[^>]*autocapitalize=\"characters\"")
                .doesNotContain("inputmode=\"numeric\"");
    }

    @Test
    void whatThePortalCannotDoIsSaidOnItsOwnPageInTheResidentsLanguage() {
        Http.Response unknown = new Http(port).get("/requests/99999999");
        assertThat(unknown.body())
                .contains(
                        "<h1>Not found</h1>",
                        "There is no request 99999999.",
                        "href=\"/report\"",
                        "City of Toronto 311")
                .as("the number is asked again, as typed, to correct")
                .containsPattern("<input id=\"number\" name=\"number\"[^>]*value=\"99999999\"")
                .doesNotContain("/staff");
        Http.Response french = new Http(port).get("/requests/99999999?lang=fr");
        assertThat(french.status()).isEqualTo(404);
        assertThat(french.body()).contains("lang=\"fr\"", "<h1>Introuvable</h1>");
        Http.Response malformed = new Http(port).get("/requests?number=..%2F..%2Fetc");
        assertThat(malformed.body())
                .contains("That cannot be done", "A tracking number has only letters, digits and dashes")
                .containsPattern("name=\"number\"[^>]*value=\"../../etc\"");
        assertThat(new Http(port).get("/report/sent/99999999").status())
                .as("no acknowledgement of a report never made")
                .isEqualTo(404);
        Http.Response noSuchType = new Http(port).get("/report/NO-SUCH-TYPE");
        assertThat(noSuchType.status()).isIn(400, 404);
        assertThat(noSuchType.body())
                .contains("NO-SUCH-TYPE", "href=\"/report\"")
                .doesNotContain("/staff");
    }

    @Autowired
    org.civic311.requests.RequestWork work;

    @Test
    void aClosedRequestStillAProblemIsReportedAgainAtTheSamePlaceFromItsPage() {
        String id = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, closed too soon");
        assertThat(new Http(port).get("/requests/" + id).body()).doesNotContain("again=" + id);
        work.transition(
                "toronto.ca",
                id,
                new org.civic311.requests.Transition(
                        "completed", "Cleaned.", null, org.civic311.catalog.Resolution.FIXED),
                new org.civic311.requests.Actor("swm", "console"));

        String page = new Http(port).get("/requests/" + id).body();
        assertThat(page).contains("Still a problem? Report it again", "/report/SWLMALB-02?again=" + id);
        String form = new Http(port).get("/report/SWLMALB-02?again=" + id).body();

        assertThat(form)
                .contains("Still a problem after request " + id + " was closed: ")
                .contains("value=\"1033 Queen St W\"")
                .containsPattern("name=\"lat\" id=\"lat\" value=\"43\\.64");
        assertThat(new Http(port)
                        .header("Accept-Language", "fr")
                        .get("/report/SWLMALB-02?again=" + id)
                        .body())
                .contains("Toujours un problème après la fermeture de la demande " + id);
    }
}
