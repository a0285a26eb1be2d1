package org.civic311.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.catalog.Resolution;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311Test;
import org.civic311.support.Reports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Following a request from the portal: a confirmation first (double opt-in), updates only once confirmed. */
@Civic311Test
class FollowTests {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    JdbcClient jdbc;

    List<String> sentTo(String email) {
        return jdbc.sql("select idempotency_key || ' ' || body_text from notification where recipient = :r order by id")
                .param("r", email)
                .query(String.class)
                .list();
    }

    String typedReport(String email, String where) {
        return requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(null, null, where, null, null),
                        "Tags on the litter bin at " + where,
                        java.util.Map.of(),
                        java.util.List.of(),
                        List.of(),
                        new org.civic311.requests.Reporter(null, null, email, null, null, null),
                        org.civic311.requests.Channel.WEB,
                        "en"))
                .publicId();
    }

    /** Opens the confirming link a message carries, in a browser of its own, and presses the button. */
    HttpResponse<String> confirmFrom(String message) throws Exception {
        Matcher link =
                Pattern.compile("http://localhost:8080(/follow/[0-9a-f-]{36})").matcher(message);
        assertThat(link.find()).as(message).isTrue();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String asked = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return confirm(browser, link.group(1), asked);
    }

    @Test
    void aNumberThatTextedStopIsToldWhyItCannotFollowAndHowToStartAgain() {
        String id = Reports.binTagged(requests, "Bin tagged, followed from a stopped number");
        jdbc.sql("insert into text_opt_out (digits, at) values ('4165550958', now()) on conflict do nothing")
                .update();
        org.civic311.support.Http resident = org.civic311.support.Http.browser(port);
        String csrf = resident.csrf("/requests/" + id);
        org.civic311.support.Http.Response refused = resident.postForm(
                "/requests/" + id + "/follow",
                java.util.List.of(java.util.Map.entry("address", "416-555-0958"), java.util.Map.entry("_csrf", csrf)));

        assertThat(refused.body())
                .contains("This number asked for no more text messages (it texted STOP).")
                .contains("text START to 311&#39;s number")
                .doesNotContain("not an email address or a mobile number");
    }

    @Test
    void aReporterWhoTypedTheirEmailIsToldItArrivedAndHearsMoreOnlyOnceTheyConfirmIt() throws Exception {
        // Typed into the portal's form, the address may be anyone's: its owner confirms it first.
        String id = typedReport("noor.r@example.org", "Litter bin by the library");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sentTo("noor.r@example.org").isEmpty());
        String acknowledgement = sentTo("noor.r@example.org").getFirst();
        assertThat(acknowledgement)
                .startsWith("received:")
                .contains("received your service request " + id, "confirm that this email address is yours");

        work.transition(
                "toronto.ca",
                id,
                new Transition("in_progress", "A crew is on its way.", null, null),
                new Actor("supervisor", "console"));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> sentTo("noor.r@example.org").size() == 1);

        assertThat(confirmFrom(acknowledgement).body()).contains("You now follow request " + id);
        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", "The tags are gone.", null, Resolution.FIXED),
                new Actor("supervisor", "console"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sentTo("noor.r@example.org").size() == 2);
        assertThat(sentTo("noor.r@example.org").get(1)).contains("The tags are gone.");
    }

    @Test
    void aReporterWhoConfirmsAfterTheirReportWasFoundADuplicateFollowsTheOriginal() throws Exception {
        String original = typedReport(null, "Litter bin by the east gate");
        String duplicate = typedReport("late.confirm@example.org", "Litter bin by the east gate, again");
        work.markDuplicate("toronto.ca", duplicate, original, new Actor("swm", "console"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sentTo("late.confirm@example.org").isEmpty());

        confirmFrom(sentTo("late.confirm@example.org").getFirst());

        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower f join service_request r on r.id = f.request_id
                                where r.public_id = :id and f.address = 'late.confirm@example.org'
                                  and f.confirm_token is null""")
                        .param("id", original)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFollowerHearsNothingButTheConfirmationUntilTheyConfirm() throws Exception {
        String id = Reports.binTagged(requests, "Tags on the bin");
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String page = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> asked = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + id + "/follow"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "address=lena.f%40example.org&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.body()).contains("Check your inbox");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !sentTo("lena.f@example.org").isEmpty());
        String confirmation = sentTo("lena.f@example.org").getFirst();
        assertThat(confirmation)
                .startsWith("follow-confirm:")
                .contains("confirm here")
                .doesNotContain("Tags on the bin");

        work.transition(
                "toronto.ca",
                id,
                new Transition("in_progress", "A crew is on its way.", null, null),
                new Actor("supervisor", "console"));
        // An unconfirmed follower stays out of the update: only the confirmation was ever sent.
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> sentTo("lena.f@example.org").size() == 1);

        Matcher link =
                Pattern.compile("http://localhost:8080(/follow/[0-9a-f-]{36})").matcher(confirmation);
        assertThat(link.find()).isTrue();
        // Opening the link (as a mail scanner would) only asks; the button confirms.
        HttpResponse<String> scanned = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scanned.body()).contains("Follow this request?").doesNotContain("You now follow");
        HttpResponse<String> confirmed = confirm(browser, link.group(1), scanned.body());
        assertThat(confirmed.body()).contains("You now follow request " + id);

        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", "The tags are gone.", null, Resolution.FIXED),
                new Actor("supervisor", "console"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sentTo("lena.f@example.org").size() == 2);
        assertThat(sentTo("lena.f@example.org").get(1)).contains("The tags are gone.");

        assertThat(browser.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/follow/not-a-token"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFollowerByTextMessageConfirmsByTheTextedLinkAndEachUpdateSaysHowToStop() throws Exception {
        String id = Reports.binTagged(requests, "Bin tagged once more");
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String page = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + id + "?lang=fr"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> asked = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + id + "/follow"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("address=416-555-0171&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.body()).contains("Consultez votre téléphone");

        await().atMost(Duration.ofSeconds(10)).until(() -> !sentTo("4165550171").isEmpty());
        String confirmation = sentTo("4165550171").getFirst();
        assertThat(confirmation)
                .startsWith("follow-confirm:")
                .contains("pour recevoir des textos sur la demande " + id);
        Matcher link =
                Pattern.compile("http://localhost:8080(/follow/[0-9a-f-]{36})").matcher(confirmation);
        assertThat(link.find()).isTrue();
        confirm(
                browser,
                link.group(1),
                browser.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());

        work.transition(
                "toronto.ca",
                id,
                new Transition("in_progress", "Une équipe est en route.", null, null),
                new Actor("supervisor", "console"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sentTo("4165550171").size() == 2);
        assertThat(sentTo("4165550171").get(1))
                .contains("Une équipe est en route.")
                .contains("répondez STOP")
                .contains("/unfollow/");
    }

    @Test
    void stoppingUpdatesTwiceSaysTheyAreStoppedBothTimesAndNamesTheRequest() {
        String id = Reports.binTagged(requests, "Bin tagged, followed then left");
        work.follow(
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.EMAIL,
                "leaving.soon@example.org",
                "en",
                null,
                new Actor("agent", "phone"));
        String token = jdbc.sql(
                        """
                        select f.unsubscribe_token::text from request_follower f
                        join service_request r on r.id = f.request_id
                        where r.public_id = :id and f.address = 'leaving.soon@example.org'""")
                .param("id", id)
                .query(String.class)
                .single();
        org.civic311.support.Http resident = org.civic311.support.Http.browser(port);
        assertThat(resident.get("/unfollow/" + token).body())
                .contains("Stop updates about this request?", "Request " + id);

        String csrf = resident.csrf("/unfollow/" + token);
        for (int tap = 0; tap < 2; tap++) {
            org.civic311.support.Http.Response stopped =
                    resident.postForm("/unfollow/" + token, List.of(java.util.Map.entry("_csrf", csrf)));
            assertThat(stopped.status()).as("tap %d", tap).isEqualTo(302);
            assertThat(resident.get("/unfollow/" + token).body())
                    .as("tap %d, then a reload", tap)
                    .contains("You will no longer receive updates", "Request " + id)
                    .doesNotContain("Nothing to stop");
        }
        assertThat(jdbc.sql("select count(*) from request_follower where address = 'leaving.soon@example.org'")
                        .query(Integer.class)
                        .single())
                .as("the address leaves with the follower")
                .isZero();
        assertThat(resident.get("/unfollow/" + java.util.UUID.randomUUID()).body())
                .contains("Nothing to stop");
    }

    @Test
    void anAddressThatIsNeitherEmailNorPhoneIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> work.requestToFollow("toronto.ca", "unknown", "call me maybe", "en"))
                .hasMessageContaining("phone number");
    }

    @Test
    void aConfirmationLinkOlderThanAWeekConfirmsNothing() throws Exception {
        String id = Reports.binTagged(requests, "Bin tagged a week ago");
        work.requestToFollow("toronto.ca", id, "late.reader@example.org", "en");
        String token = jdbc.sql(
                        "select confirm_token::text from request_follower where address = 'late.reader@example.org'")
                .query(String.class)
                .single();
        jdbc.sql(
                        "update request_follower set since = now() - interval '8 days' where address = 'late.reader@example.org'")
                .update();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String path = "/follow/" + token;
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> late = confirm(browser, path, page.body());
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.body()).contains("This link has expired (it works for seven days)");
        // In the resident's language, not as the server's English detail.
        HttpResponse<String> french = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?lang=fr"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirm(browser, path, french.body()).body())
                .contains("Ce lien a expiré (il est valable sept jours)")
                .doesNotContain("En détail (en anglais)");
        assertThat(jdbc.sql(
                                "select confirmed_at is null from request_follower where address = 'late.reader@example.org'")
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // Asking again, as the expired page says, sends a new link, which works; the old one still does not.
        work.requestToFollow("toronto.ca", id, "late.reader@example.org", "en");
        String again = jdbc.sql(
                        "select confirm_token::text from request_follower where address = 'late.reader@example.org'")
                .query(String.class)
                .single();
        assertThat(again).isNotEqualTo(token);
        work.requestToFollow("toronto.ca", id, "late.reader@example.org", "en");
        assertThat(jdbc.sql(
                                "select confirm_token::text from request_follower where address = 'late.reader@example.org'")
                        .query(String.class)
                        .single())
                .as("asked twice within minutes, one link")
                .isEqualTo(again);
        HttpResponse<String> fresh = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/follow/" + again))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirm(browser, "/follow/" + again, fresh.body()).statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql(
                                "select confirmed_at is not null from request_follower where address = 'late.reader@example.org'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aResidentWhoFollowsTwiceSpellingTheirAddressAnotherWayIsOneFollower() {
        String id = Reports.binTagged(requests, "Bin tagged, followed twice");
        work.follow(
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.SMS,
                "+14165550195",
                "en",
                null,
                new org.civic311.requests.Actor("agent", "inbox"));
        work.follow(
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.EMAIL,
                "Jo.Twice@Example.org",
                "en",
                null,
                new org.civic311.requests.Actor("agent", "api"));

        work.requestToFollow("toronto.ca", id, "416-555-0195", "en");
        work.requestToFollow("toronto.ca", id, "jo.twice@example.org", "en");

        assertThat(jdbc.sql(
                                """
                                select f.channel || ' ' || f.address from request_follower f
                                join service_request r on r.id = f.request_id where r.public_id = :id
                                  and f.channel in ('SMS', 'EMAIL')
                                order by f.channel""")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .as("each hears every update once")
                .containsExactly("EMAIL jo.twice@example.org", "SMS +14165550195");
    }

    @Test
    void anAddressTypedOnManyRequestsIsSentAHandfulOfLinksADayNotOneForEach() {
        for (int i = 0; i < 7; i++) {
            String id = Reports.binTagged(requests, "Bin tagged, followed for someone else " + i);
            work.requestToFollow("toronto.ca", id, "flooded.victim@example.org", "en");
        }
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower
                                where address = 'flooded.victim@example.org' and confirmed_at is null""")
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);

        // Nor by asking again and again on one request: each link sent again counts.
        String again = Reports.binTagged(requests, "Bin tagged, followed again and again for someone else");
        for (int i = 0; i < 7; i++) {
            work.requestToFollow("toronto.ca", again, "flooded.twice@example.org", "en");
            jdbc.sql(
                            """
                            update request_follower set since = since - interval '11 minutes'
                            where address = 'flooded.twice@example.org'""")
                    .update();
        }
        assertThat(jdbc.sql(
                                "select confirmations_sent from request_follower where address = 'flooded.twice@example.org'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    /** Presses the confirmation page's button, with the CSRF token the page holds. */
    HttpResponse<String> confirm(HttpClient browser, String path, String page) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
