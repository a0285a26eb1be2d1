package org.civic311.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every page carries the headers that stop framing, sniffing, inline scripts and leaking addresses. */
@Civic311Test
class SecurityHeadersTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/report", "/map", "/login", "/requests/NO-SUCH-REQUEST"})
    void publicPagesForbidInlineScriptsFramingAndSniffing(String path) {
        Http.Response page = new Http(port).get(path);

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }

    @Test
    void staffPagesAreNeverCached() {
        Http desk = Http.browser(port);
        desk.signIn("agent", "civic311-demo", null);

        Http.Response page = desk.get("/staff/profile");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
    }

    @Test
    void apiAnswersAreNotSniffedOrCached() {
        Http.Response answer = new Http(port).as("agent", "civic311-demo").get("/api/v1/knowledge/search?q=garbage");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
    }

    @Test
    void sendingAReportOrARefusedFollowWritesNoSessionAndTheAddressTypedIsGivenBackAtOnce() {
        int before = jdbc.sql("select count(*) from spring_session")
                .query(Integer.class)
                .single();
        Http resident = Http.browser(port);
        String csrf = resident.csrf("/report/SWLMALB-02");
        Http.Response sent = resident.postMultipart(
                "/report/SWLMALB-02",
                java.util.List.of(
                        java.util.Map.entry("_csrf", csrf),
                        java.util.Map.entry("description", "Tags on the bin, sent without writing a session"),
                        java.util.Map.entry("address", "1033 Queen St W"),
                        java.util.Map.entry("email", "no.session@example.org")),
                java.util.List.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        String at = sent.headers().firstValue("Location").orElseThrow();
        assertThat(at).endsWith("?emailed");
        String id = at.replaceAll(".*/report/sent/([^?]+).*", "$1");
        assertThat(resident.get("/report/sent/" + id + "?emailed").body()).contains("open the link in it to confirm");

        Http.Response refused = resident.postForm(
                "/requests/" + id + "/follow",
                java.util.List.of(
                        java.util.Map.entry("_csrf", csrf), java.util.Map.entry("address", "not an address")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("value=\"not an address\"");
        Http.Response followed = resident.postForm(
                "/requests/" + id + "/follow",
                java.util.List.of(
                        java.util.Map.entry("_csrf", csrf),
                        java.util.Map.entry("address", "follows.without.session@example.org")));
        assertThat(followed.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("?followed=EMAIL#follow"));

        for (Http.Response answer : java.util.List.of(sent, refused, followed)) {
            assertThat(answer.headers().allValues("Set-Cookie"))
                    .noneSatisfy(cookie -> assertThat(cookie).startsWith("SESSION="));
        }
        assertThat(jdbc.sql("select count(*) from spring_session")
                        .query(Integer.class)
                        .single())
                .isLessThanOrEqualTo(before);
    }

    @Test
    void aMistypedAddressIsAPageNotFoundForResidentsWhileStaffPagesAskForSignIn() {
        Http stranger = new Http(port).header("Accept", "text/html");
        Http.Response mistyped = stranger.get("/reports");
        assertThat(mistyped.status()).isEqualTo(404);
        assertThat(mistyped.body()).contains("Not found", "href=\"/report\"").doesNotContain("Staff sign-in");
        assertThat(mistyped.headers().allValues("Set-Cookie"))
                .as("no page to return to after a staff sign-in")
                .noneMatch(cookie -> cookie.startsWith("REDIRECT_URI="));

        Http.Response staff = stranger.get("/staff/queue");
        assertThat(staff.status()).isEqualTo(302);
        assertThat(staff.headers().firstValue("Location"))
                .hasValueSatisfying(at -> assertThat(at).endsWith("/login"));
    }

    @Test
    void aFormSentWithAStaleTokenIsSaidToHaveExpiredAndNothingSent() {
        Http resident = Http.browser(port).header("Accept", "text/html");
        resident.get("/report/SWLMALB-02");
        Http.Response stale = resident.postForm(
                "/report/SWLMALB-02",
                java.util.List.of(
                        java.util.Map.entry("_csrf", "a-token-from-a-session-that-ended"),
                        java.util.Map.entry("description", "Tags on the bin")));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("The form had expired", "Nothing was sent.");
    }

    @Test
    void theSessionAndFormTokenCookiesAreHttpOnlyAndSameSite() {
        Http.Response login = new Http(port).get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("XSRF-TOKEN=")
                .as("outlives a phone's browser session, in which a report is being written")
                .contains("Max-Age=604800")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));

        Http desk = Http.browser(port);
        String token = desk.csrf("/login");
        Http.Response signedIn = desk.postForm(
                "/login",
                java.util.List.of(
                        java.util.Map.entry("username", "agent"),
                        java.util.Map.entry("password", "civic311-demo"),
                        java.util.Map.entry("_csrf", token)));
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("SESSION=")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void overHttpsTheFormTokenCookieIsOneNoSiblingSubdomainCanPlant() throws Exception {
        // As the city's TLS proxy, on this machine, says the request came over HTTPS.
        var login = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login"))
                                .header("X-Forwarded-Proto", "https")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("__Host-XSRF-TOKEN=")
                .contains("Path=/;")
                .contains("Secure")
                .doesNotContainIgnoringCase("Domain="));
    }

    @Test
    void aPieceOfAStaffPageAskedForWithoutASessionIsRefusedNotAnsweredWithTheSignInPage() throws Exception {
        var piece = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://localhost:" + port + "/staff/requests/1000001/reply?resolution=FIXED"))
                                .header("HX-Request", "true")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(piece.statusCode()).isEqualTo(401);
        assertThat(piece.body()).doesNotContain("Sign in");
    }

    @Test
    void aPageAskedForBeforeSigningInIsWhereSigningInLeads() {
        Http desk = Http.browser(port);
        Http.Response asked = desk.get("/staff/escalations");
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));

        Http.Response signedIn = desk.signIn("supervisor", "civic311-demo", null);

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).contains("/staff/escalations"));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void readingPagesWithFormsOrKnockingAtTheConsoleWritesNoSession() {
        int before = jdbc.sql("select count(*) from spring_session")
                .query(Integer.class)
                .single();
        for (String path : java.util.List.of(
                "/", "/report/SWLMALB-02", "/requests/NO-SUCH-REQUEST", "/unfollow/not-a-token", "/login", "/staff")) {
            Http.Response page = new Http(port).get(path);
            assertThat(page.headers().allValues("Set-Cookie")).as(path).noneSatisfy(cookie -> assertThat(cookie)
                    .startsWith("SESSION="));
        }
        assertThat(jdbc.sql("select count(*) from spring_session")
                        .query(Integer.class)
                        .single())
                .as("none written (expired ones may be cleared meanwhile)")
                .isLessThanOrEqualTo(before);
    }
}
