package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.conversations.ConversationChannel;
import org.civic311.conversations.ConversationEvent;
import org.civic311.conversations.Inbox;
import org.civic311.conversations.IncomingMessage;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Story 6 over plain HTTP, as a second agent's browser could send it whatever its page showed: a colleague's
 * conversation cannot be taken or answered, and an answered message cannot be answered again.
 */
@Civic311Test
class InboxHttpTests {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    /** A signed-in staff member's browser: a session cookie and the CSRF token of its last page. */
    final class Desk {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String csrf;

        Desk(String username) throws Exception {
            get("/login");
            post("/login", "username=" + username + "&password=civic311-demo");
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(page.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return page;
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(page.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return page;
        }
    }

    int replies(long conversation) {
        return jdbc.sql("select count(*) from conversation_message where conversation_id = :c and direction = 'OUT'")
                .param("c", conversation)
                .query(Integer.class)
                .single();
    }

    @Test
    void aColleaguesConversationCannotBeTakenOrAnsweredAndAMessageIsAnsweredOnce() throws Exception {
        long id = textFrom("+14165550199", "Is the Harbord pool open on Sunday?");
        Desk sam = new Desk("agent");
        Desk jordan = new Desk("agent2");
        String page = "/staff/inbox/" + id;

        sam.get(page);
        assertThat(sam.post(page + "/claim", "").body()).contains("It is yours.");

        jordan.get(page);
        assertThat(jordan.post(page + "/claim", "").body()).contains("The conversation is held by agent");
        String answer = "text=" + URLEncoder.encode("Yes, from 1 to 4 pm.", StandardCharsets.UTF_8);
        assertThat(jordan.post(page + "/reply", answer).body()).contains("The conversation is held by agent");
        assertThat(replies(id)).isZero();

        assertThat(sam.post(
                                page + "/reply",
                                "text="
                                        + URLEncoder.encode(
                                                "Thank you. This is not looked after by the city. The people who can"
                                                        + " help: ",
                                                StandardCharsets.UTF_8))
                        .body())
                .as("a starter sent before it was finished")
                .contains("Text ends with a colon");
        assertThat(sam.post(page + "/reply", answer).body()).contains("Reply sent.");
        assertThat(sam.post(page + "/reply", answer).body()).contains("This message has already been answered");
        assertThat(replies(id)).isEqualTo(1);
        assertThat(jdbc.sql("select body_text from notification n join conversation_message m"
                                + " on m.outbox_key = n.idempotency_key where m.conversation_id = :c")
                        .param("c", id)
                        .query(String.class)
                        .single())
                .isEqualTo("Yes, from 1 to 4 pm. ^Sam R.");
    }

    @Test
    void anAgentAnswersAMessageFromTheKnowledgeBaseCutToATextMessageAndNeverSendsAStaffOnlyAnswer() throws Exception {
        long id = textFrom("+14165550178", "By what time must the bins be at the curb on collection day?");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        long setOut = articleTitled("How to set out bins on collection day");
        assertThat(sam.get(page).body())
                .as("answers that may fit the message come with the page")
                .contains("Answers from the knowledge base", ">How to set out bins on collection day</a>")
                .contains("hx-vals=\"{&quot;article&quot;: " + setOut + "}\"");

        String found = sam.post(page + "/answers", "q=" + URLEncoder.encode("curb 7 a.m.", StandardCharsets.UTF_8))
                .body();
        assertThat(found).startsWith("<div id=\"kb-hits\">").contains("How to set out bins on collection day");
        String nothing = sam.post(
                        page + "/answers", "q=" + URLEncoder.encode("zeppelin mooring", StandardCharsets.UTF_8))
                .body();
        assertThat(nothing).contains("Nothing in the knowledge base answers that.");

        String composer = sam.post(
                        page + "/answer",
                        "article=" + setOut + "&text=" + URLEncoder.encode("Good question!", StandardCharsets.UTF_8))
                .body();
        String reply = org.springframework.web.util.HtmlUtils.htmlUnescape(
                composer.replaceAll("(?s).*<textarea[^>]*>(.*?)</textarea>.*", "$1"));
        assertThat(reply).startsWith("Good question!\n\nBins must be at the curb by 7 a.m. on collection day");
        assertThat(org.civic311.notifications.Replies.length(
                                org.civic311.notifications.Replies.Channel.SMS, reply + " ^Sam R.")
                        .fits())
                .as("cut to what a text message carries with the signature")
                .isTrue();
        assertThat(reply.length()).as("but not to a sentence").isGreaterThan(200);
        assertThat(reply).doesNotContain("the crew may leave a tag");
        assertThat(composer).contains("id=\"length\" hx-swap-oob=\"true\"");

        long staffOnly = jdbc.sql(
                        "select id from knowledge_article where audience = 'STAFF' and status = 'PUBLISHED' and jurisdiction_id = 'toronto.ca' order by id limit 1")
                .query(Long.class)
                .single();
        HttpResponse<String> refused = sam.post(page + "/answer", "article=" + staffOnly + "&text=");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("is for staff only: read it, but do not send it to a resident");
    }

    long articleTitled(String title) {
        return jdbc.sql("select id from knowledge_article where title = :t and jurisdiction_id = 'toronto.ca'")
                .param("t", title)
                .query(Long.class)
                .single();
    }

    @Autowired
    org.civic311.staff.StaffDirectory directory;

    String owner(long conversation) {
        return jdbc.sql("select owner from conversation where id = :id")
                .param("id", conversation)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void aReplyWrittenWhileTheSupervisorTookTheConversationOverIsShownBackToItsWriterNotLost() throws Exception {
        long id = textFrom("+14165550193", "Is the Dufferin Grove rink open on Sunday?");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        sam.get("/staff/inbox/" + id);
        Desk priya = new Desk("supervisor");
        priya.get("/staff/inbox/" + id);
        priya.post("/staff/inbox/" + id + "/take-over", "");

        String page = sam.post(
                        "/staff/inbox/" + id + "/reply",
                        "text="
                                + java.net.URLEncoder.encode(
                                        "Yes, the rink is open on Sunday from 10 to 6.",
                                        java.nio.charset.StandardCharsets.UTF_8))
                .body();
        assertThat(page)
                .contains("Your reply was not sent")
                .contains(">Yes, the rink is open on Sunday from 10 to 6.</textarea>");
        assertThat(replies(id)).isZero();
    }

    @Test
    void aSupervisorTakesOverAHeldConversationAndADisabledAccountLetsGoOfItsOwn() throws Exception {
        long held = textFrom("+14165550191", "Is the Christie pits rink open tonight?");
        long left = textFrom("+14165550192", "When is leaf collection on Palmerston?");
        directory.register(
                new org.civic311.staff.StaffMember(
                        "agent-leaving",
                        "Robin Leaving",
                        "311 Agent",
                        java.util.Set.of(org.civic311.staff.Role.AGENT),
                        "toronto.ca",
                        null,
                        null),
                "civic311-demo");
        Desk robin = new Desk("agent-leaving");
        for (long id : new long[] {held, left}) {
            robin.get("/staff/inbox/" + id);
            assertThat(robin.post("/staff/inbox/" + id + "/claim", "").body()).contains("It is yours.");
        }

        Desk jordan = new Desk("agent2");
        assertThat(jordan.get("/staff/inbox/" + held).body())
                .contains("Held by Robin Leaving.")
                .doesNotContain("Take it over");
        assertThat(jordan.post("/staff/inbox/" + held + "/take-over", "").statusCode())
                .isEqualTo(403);
        Desk priya = new Desk("supervisor");
        assertThat(priya.get("/staff/inbox/" + held).body()).contains("Take it over from agent-leaving");
        assertThat(priya.post("/staff/inbox/" + held + "/take-over", "").body())
                .contains("It is yours: answer it, or let it go for another agent.");
        assertThat(owner(held)).isEqualTo("supervisor");

        Desk admin = new Desk("admin");
        admin.get("/staff/admin/accounts/agent-leaving");
        admin.post("/staff/admin/accounts/agent-leaving/enabled", "enabled=false");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> owner(left) == null);
        assertThat(owner(held)).as("only the leaver's own").isEqualTo("supervisor");
        assertThat(jordan.post("/staff/inbox/" + left + "/claim", "").body()).contains("It is yours.");

        jordan.post("/staff/inbox/" + left + "/close", "");
        priya.get("/staff/inbox/" + left);
        assertThat(priya.post("/staff/inbox/" + left + "/take-over", "").body())
                .contains("The conversation is closed: nobody holds it");
        assertThat(owner(left)).isNull();

        // Who worked each one, taken over or closed unanswered, is kept and shown.
        assertThat(priya.get("/staff/inbox/" + held).body())
                .contains("Who worked it")
                .contains("agent-leaving took it")
                .contains("supervisor took it over from agent-leaving");
        assertThat(priya.get("/staff/inbox/" + left).body())
                .contains("agent2 took it")
                .contains("agent2 closed it, unanswered");
    }

    @Test
    void aFilterOrConversationThatIsNotThereIsAClearRefusalNotAnError() throws Exception {
        Desk sam = new Desk("agent");
        HttpResponse<String> pigeon = sam.get("/staff/inbox?channel=PIGEON");
        assertThat(pigeon.statusCode()).isEqualTo(400);
        assertThat(pigeon.body()).contains("channel must be one of EMAIL, SMS, X, FEDIVERSE");
        assertThat(sam.get("/staff/inbox?status=lost").statusCode()).isEqualTo(400);
        assertThat(sam.get("/staff/inbox/999999999").statusCode()).isEqualTo(404);
        assertThat(sam.get("/staff/inbox/not-a-number").statusCode()).isEqualTo(400);
    }

    @Test
    void aColleaguesConversationCannotBeFiledAndAColleaguesCallerCannotBeRead() throws Exception {
        long id = textFrom("+14165550177", "Pothole at 1033 Queen St W");
        Desk sam = new Desk("agent");
        Desk jordan = new Desk("agent2");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        jordan.get("/staff/inbox/" + id);
        assertThat(jordan.post("/staff/inbox/" + id + "/request", "service=CSROWR-12&address=1033+Queen+St+W")
                        .body())
                .contains("The conversation is held by agent");
        assertThat(jdbc.sql("select request_public_id from conversation where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .optional())
                .isEmpty();

        sam.get("/staff/contacts");
        HttpResponse<String> call = sam.post("/staff/contacts", "kind=PHONE_CALL");
        String contact = call.uri().getPath();
        assertThat(jordan.get(contact).statusCode()).isEqualTo(403);
        // A department's staff do not work 311's inbox at all.
        assertThat(new Desk("swm").get("/staff/inbox").statusCode()).isEqualTo(403);
    }

    @Test
    void takeACallClickedTwiceStartsOneContact() throws Exception {
        Desk sam = new Desk("agent");
        String page = sam.get("/staff/contacts").body();
        String key = page.replaceAll(
                "(?s).*value=\"PHONE_CALL\">\\s*<input type=\"hidden\" name=\"submission\" value=\"([0-9a-f-]{36})\".*",
                "$1");
        String first = sam.post("/staff/contacts", "kind=PHONE_CALL&submission=" + key)
                .uri()
                .getPath();
        String second = sam.post("/staff/contacts", "kind=PHONE_CALL&submission=" + key)
                .uri()
                .getPath();
        assertThat(second).isEqualTo(first).matches("/staff/contacts/\\d+");
        assertThat(sam.post("/staff/contacts", "kind=PHONE_CALL").uri().getPath())
                .as("a call started without the page's key is a call of its own")
                .isNotEqualTo(first);
    }

    @Test
    void aCallerWhoseProblemIsAlreadyReportedIsAddedToThatRequestInsteadOfFilingADuplicate() throws Exception {
        // A place of its own: at the tests' usual corner, other open reports fill the "nearby" list first.
        String open = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new org.civic311.requests.Location(43.7565097, -79.4367503, "1 CANYON AVE", null, null),
                        "Tags on the bin, called in again",
                        java.util.Map.of(),
                        List.of(),
                        List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
        Desk sam = new Desk("agent");
        sam.get("/staff/contacts");
        String contact = sam.post("/staff/contacts", "kind=PHONE_CALL").uri().getPath();
        sam.post(contact, "reason=Tags+on+the+bin+again&consent=on&callerName=Lee+Park&callerPhone=416-555-0175");
        assertThat(sam.get(contact + "/place?service=SWLMALB-02&address=1+CANYON+AVE")
                        .body())
                .as("the open request at the place offers the call a place on it")
                .contains("Add the caller to " + open);

        String page = sam.post(contact + "/link-request", "request=" + open + "&email=lee.park%40example.org")
                .body();
        assertThat(page)
                .contains("The call is linked to request " + open + ". Give the caller this tracking number; they"
                        + " will hear of its progress by email.")
                .contains("Request " + open);
        assertThat(jdbc.sql(
                                """
                        select count(*) from request_follower f join service_request r on r.id = f.request_id
                        where r.public_id = :id and f.address = 'lee.park@example.org'""")
                        .param("id", open)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                """
                        select n.text from request_note n join service_request r on r.id = n.request_id
                        where r.public_id = :id and not n.public order by n.id desc limit 1""")
                        .param("id", open)
                        .query(String.class)
                        .single())
                .isEqualTo("Reported again by a caller (phone), linked instead of filed as a duplicate.");
        assertThat(sam.post(contact + "/link-request", "request=" + open + "&email=lee.park%40example.org")
                        .body())
                .as("a second click adds the caller once")
                .contains("The call is already linked to request " + open);
        assertThat(reportedAgain(open)).isEqualTo(1);

        String closed = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, cleaned already");
        jdbc.sql("update service_request set closed = true, status_code = 'completed', closed_at = now()"
                        + " where public_id = :id")
                .param("id", closed)
                .update();
        assertThat(sam.post(contact + "/link-request", "request=" + closed).body())
                .contains("request " + closed + " is closed: file the caller&#39;s report instead");
        assertThat(reportedAgain(closed)).as("refused whole").isZero();
    }

    private int reportedAgain(String publicId) {
        return jdbc.sql(
                        """
                        select count(*)::int from request_note n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.text like 'Reported again by a caller%'""")
                .param("id", publicId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aRequestRefusedOnTheCallScreenIsSaidInTheFormsWordsOnTheFieldAtFault() throws Exception {
        Desk sam = new Desk("agent");
        sam.get("/staff/contacts");
        String contact = sam.post("/staff/contacts", "kind=PHONE_CALL").uri().getPath();
        String page = sam.post(
                        contact + "/requests",
                        "service=TSRO-ROAD-DEBRIS&address=41+Elm+Ave&answers.BLOCKING_LANE=NO&description=Paint+spilled")
                .body();
        assertThat(page)
                .contains("What is on the road? is required")
                .contains("data-field=\"answers.DEBRIS_TYPE\"")
                .doesNotContain("answers.DEBRIS_TYPE is required");
    }

    @Test
    void aRequestFiledTwiceFromOneCallFormIsFiledOnce() throws Exception {
        Desk sam = new Desk("agent");
        sam.get("/staff/contacts");
        String contact = sam.post("/staff/contacts", "kind=PHONE_CALL").uri().getPath();
        String page = sam.get(contact).body();
        String submission = page.replaceAll("(?s).*name=\"submission\" value=\"([0-9a-f-]{36})\".*", "$1");
        String form = "submission=" + submission + "&service=TSRO-ROAD-DEBRIS&address="
                + URLEncoder.encode("41 Elm Ave", StandardCharsets.UTF_8)
                + "&answers.DEBRIS_TYPE=LIQUID&answers.BLOCKING_LANE=NO&description="
                + URLEncoder.encode("Paint spilled across the lane, called in twice", StandardCharsets.UTF_8);

        assertThat(sam.post(contact + "/requests", form).body())
                .contains("filed. Give the caller this tracking number");
        sam.post(contact + "/requests", form);

        assertThat(jdbc.sql("select count(*) from service_request where description = :d")
                        .param("d", "Paint spilled across the lane, called in twice")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                """
                                select a.actor || ' by ' || a.channel || ': ' || a.detail from request_audit a
                                join service_request s on s.id = a.request_id
                                where s.description = :d and a.action = 'submitted'""")
                        .param("d", "Paint spilled across the lane, called in twice")
                        .query(String.class)
                        .single())
                .as("the history says which agent took it")
                .startsWith("agent by phone: for the resident, routed to ");
    }

    @Test
    void aFirstReportFiledFromAMessageIsThankedWithoutBeingCalledARepeat() throws Exception {
        long id = textFrom("+14165550199", "Deep pothole in the curb lane at 1033 Queen St W");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String page = sam.post("/staff/inbox/" + id + "/request", POTHOLE).body();
        assertThat(page).contains("Thank you for letting us know. We have filed request");
        assertThat(page).doesNotContain("keeps happening");
        assertThat(jdbc.sql(
                                """
                                select r.ward_code from service_request r
                                join conversation c on c.request_public_id = r.public_id where c.id = :id
                                  and r.lat is not null""")
                        .param("id", id)
                        .query(String.class)
                        .optional())
                .as("the agent typed only the address: it is placed on the map and in its ward")
                .hasValue("10");
    }

    @Test
    void aResidentWhoWroteInFrenchIsToldOfTheirRequestInFrench() throws Exception {
        long id = textFrom(
                "+14165550162",
                "Il y a un nid-de-poule très profond dans la voie de droite devant le 1033 rue Queen Ouest");
        assertThat(inbox.conversation("toronto.ca", id).language()).isEqualTo("fr");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String page = sam.post(
                        "/staff/inbox/" + id + "/request",
                        POTHOLE.replace("1033+Queen+St+W", "Ruelle+derriere+le+vieux+moulin"))
                .body();
        assertThat(page).contains("Merci de nous l&#39;avoir signalé. Nous avons enregistré la demande");
    }

    @Test
    void theAgentsReplyToTheReporterIsTheRequestsFirstResponseAndAReplyToAFollowerIsNot() throws Exception {
        long id = textFrom("+14165550133", "Deep pothole in the curb lane at 1033 Queen St W");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        sam.post("/staff/inbox/" + id + "/request", POTHOLE);
        String request = jdbc.sql("select request_public_id from conversation where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(sam.get("/staff/requests/" + request).body()).contains("not yet: nobody has answered the resident");

        // A neighbour asks about it; their conversation is linked to the request and answered: not the reporter.
        long neighbour = textFrom("+14165550134", "Is anyone fixing the pothole at 1033 Queen St W?");
        sam.get("/staff/inbox/" + neighbour);
        sam.post("/staff/inbox/" + neighbour + "/claim", "");
        sam.post("/staff/inbox/" + neighbour + "/link", "publicId=" + request);
        String soon =
                "text=" + URLEncoder.encode("Yes, it is reported and a crew will look at it.", StandardCharsets.UTF_8);
        assertThat(sam.post("/staff/inbox/" + neighbour + "/reply", soon).body())
                .contains("Reply sent.");
        assertThat(sam.get("/staff/requests/" + request).body())
                .contains("not yet: nobody has answered the resident")
                .contains("answered a follower: on SMS");

        String answer = "text=" + URLEncoder.encode("Thank you, we have filed it.", StandardCharsets.UTF_8);
        assertThat(sam.post("/staff/inbox/" + id + "/reply", answer).body()).contains("Reply sent.");
        assertThat(sam.get("/staff/requests/" + request).body())
                .contains("0 min after it was made, by agent")
                .contains("replied: on SMS")
                .contains(
                        "Conversations about it",
                        "href=\"/staff/inbox/" + id + "\"",
                        "href=\"/staff/inbox/" + neighbour + "\"")
                .contains("SMS · filed from it", "SMS · linked");
    }

    @Test
    void aRequestFiledFromADirectMessageOnXIsFollowedByDirectMessageNeverInPublic() throws Exception {
        long id = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.X,
                        "dm-1869000000000000001",
                        "dm:4455667788",
                        null,
                        "4455667788",
                        null,
                        null,
                        "Deep pothole in the curb lane at 1033 Queen St W",
                        Instant.now(),
                        List.of(),
                        "direct"))
                .conversationId();
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String page = sam.post("/staff/inbox/" + id + "/request", POTHOLE).body();
        java.util.regex.Matcher counted = java.util.regex.Pattern.compile("id=\"length\"[^>]*>(\\d+) of 280 characters")
                .matcher(page);
        assertThat(counted.find()).as(page).isTrue();
        assertThat(Integer.parseInt(counted.group(1)))
                .as("the count includes the reply the composer opens with")
                .isGreaterThan(80);
        assertThat(jdbc.sql(
                                """
                                select f.address from request_follower f
                                join service_request r on r.id = f.request_id
                                join conversation c on c.request_public_id = r.public_id
                                where c.id = :id and f.channel = 'X'""")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsExactly("dm:4455667788");
        String request = jdbc.sql("select request_public_id from conversation where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(sam.get("/staff/requests/" + request).body())
                .as("who reported it on X, for staff")
                .contains("<dt>Account</dt><dd>4455667788</dd>", "X · filed from it");
    }

    @Test
    void anEmailLinkedToARequestAlreadyFiledIsToldOfItsUpdatesByEmail() throws Exception {
        // Reported on the web, not from a message here, so that no pothole here is made a repeat for other tests.
        String request = org.civic311.support.Reports.binTagged(requests, "Tags all over the litter bin");
        Desk sam = new Desk("agent");

        long emailed = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.EMAIL,
                        "<" + java.util.UUID.randomUUID() + "@mail.example.org>",
                        "pothole-question",
                        null,
                        "dana.w@example.org",
                        "Dana W",
                        "Pothole on Queen",
                        "Is anyone cleaning the tags off the bin at 1033 Queen St W?",
                        Instant.now(),
                        List.of(),
                        null))
                .conversationId();
        sam.get("/staff/inbox/" + emailed);
        sam.post("/staff/inbox/" + emailed + "/claim", "");
        assertThat(sam.post("/staff/inbox/" + emailed + "/link", "publicId=" + request)
                        .body())
                .contains("its updates come back here");
        assertThat(jdbc.sql(
                                """
                                select f.channel || ' ' || f.address from request_follower f
                                join service_request r on r.id = f.request_id where r.public_id = :id""")
                        .param("id", request)
                        .query(String.class)
                        .list())
                .contains("EMAIL dana.w@example.org");
    }

    @Test
    void aRefusedFilingComesBackAsTheAgentEditedItNeverAsTheResidentWroteIt() throws Exception {
        long id = textFrom("+14165550188", "Pothole at 1033 Queen St W, I'm Maria Lopez in apartment 4");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String edited = "Pothole in the curb lane";
        String page = sam.post(
                        "/staff/inbox/" + id + "/request",
                        "service=&address=1033+Queen+St+W&answers.POTHOLE_SIZE=LARGE&description="
                                + URLEncoder.encode(edited, StandardCharsets.UTF_8))
                .body();
        assertThat(page).contains("Service is required");
        assertThat(page.substring(page.indexOf("id=\"description\"")))
                .as("the agent's edit, not the resident's words with their name")
                .startsWith("id=\"description\" name=\"description\" rows=\"4\">" + edited + "<");
    }

    @Test
    void theReplyBeingWrittenSurvivesFilingTheRequestAndTheFilingsWordsFollowIt() throws Exception {
        long id = textFrom("+14165550189", "Pothole at 1033 Queen St W, a deep one by the curb");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String begun = "Sorry about the wait, we are on it.";
        String refused = sam.post(
                        "/staff/inbox/" + id + "/request",
                        "service=&address=1033+Queen+St+W&replyDraft="
                                + URLEncoder.encode(begun, StandardCharsets.UTF_8))
                .body();
        assertThat(refused.substring(refused.indexOf("id=\"text\"")))
                .as("a refused filing gives the reply back too")
                .contains(">" + begun + "<");

        String filed = sam.post(
                        "/staff/inbox/" + id + "/request",
                        POTHOLE + "&replyDraft=" + URLEncoder.encode(begun, StandardCharsets.UTF_8))
                .body();
        assertThat(filed.substring(filed.indexOf("id=\"text\"")))
                .containsPattern(">" + java.util.regex.Pattern.quote(begun) + "\\R\\RThank you for letting us know");
    }

    @Test
    void closingWithAReplyBeingWrittenIsRefusedOnceWithTheWordsKeptAndLettingGoKeepsThemToPassOn() throws Exception {
        long id = textFrom("+14165550192", "When is the yard waste pickup on Palmerston?");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        String begun = "Yard waste goes out on Tuesdays from";
        String draft = "replyDraft=" + URLEncoder.encode(begun, StandardCharsets.UTF_8);

        String refused = sam.post(page + "/close", draft).body();
        assertThat(refused).contains("Your reply is not sent: send it first, or close again to leave it unsent.");
        assertThat(refused.substring(refused.indexOf("id=\"text\""))).contains(">" + begun + "<");
        assertThat(refused).contains("name=\"leaveUnsent\" value=\"true\"");
        assertThat(inbox.conversation("toronto.ca", id).status().name()).isEqualTo("OPEN");

        String let = sam.post(page + "/release", draft).body();
        assertThat(let.substring(let.indexOf("id=\"unsent\"")))
                .as("no longer held, the words are there to pass on")
                .contains(">" + begun + "<");

        sam.post(page + "/claim", "");
        assertThat(sam.post(page + "/close", draft + "&leaveUnsent=true").body())
                .contains("Closed.");
        assertThat(inbox.conversation("toronto.ca", id).status().name()).isEqualTo("CLOSED");
    }

    @Test
    void aReplyRefusedKeepsThePhotosChosenForItToSendWithTheNextTry() {
        long id = textFrom("+14165550196", "Is the crew coming to Bellwoods Ave today?");
        org.civic311.support.Http sam = org.civic311.support.Http.browser(port);
        sam.signIn("agent", "civic311-demo", null);
        String page = "/staff/inbox/" + id;
        String csrf = sam.csrf(page);
        sam.postForm(page + "/claim", List.of(java.util.Map.entry("_csrf", csrf)));
        sam.get(page);

        org.civic311.support.Http.Response refused = sam.postMultipart(
                page + "/reply",
                List.of(java.util.Map.entry("_csrf", csrf), java.util.Map.entry("text", "Stop whining, you idiot")),
                List.of(java.util.Map.entry("photo", org.civic311.support.Images.png(8, 8))));
        assertThat(refused.status()).isEqualTo(302);
        String shown = sam.get(page).body();
        assertThat(shown).contains("contains abusive words");
        Matcher kept = Pattern.compile("name=\"keptPhoto\" value=\"(/media/[0-9a-f]+\\.png)\" checked")
                .matcher(shown);
        assertThat(kept.find()).as("the photo chosen comes back, ticked").isTrue();

        sam.postMultipart(
                page + "/reply",
                List.of(
                        java.util.Map.entry("_csrf", csrf),
                        java.util.Map.entry("text", "A crew is on its way: here is where it will work."),
                        java.util.Map.entry("keptPhoto", kept.group(1))),
                List.of());
        assertThat(jdbc.sql(
                                """
                                select array_to_string(n.media_paths, ' ') from notification n
                                join conversation_message m on m.outbox_key = n.idempotency_key
                                where m.conversation_id = :id""")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(kept.group(1));
    }

    @Test
    void theInboxIsPagedWithItsTotalAndListsTheLongestWaitingFirstWhenAsked() throws Exception {
        long first = textFrom("+14165550301", "First: a streetlight out on Dovercourt");
        long second = textFrom("+14165550302", "Second: a streetlight out on Ossington");
        // Held by an account no other test gives conversations to, so that the list is short whatever ran before.
        Desk holder = new Desk("admin");
        holder.get("/staff/inbox/" + first);
        holder.post("/staff/inbox/" + first + "/claim", "");
        holder.post("/staff/inbox/" + second + "/claim", "");
        String newest = holder.get("/staff/inbox?owner=me").body();
        assertThat(newest.indexOf("+14165550302")).isPositive().isLessThan(newest.indexOf("+14165550301"));
        String oldest = holder.get("/staff/inbox?owner=me&order=oldest").body();
        assertThat(oldest.indexOf("+14165550301")).isPositive().isLessThan(oldest.indexOf("+14165550302"));
        assertThat(oldest).contains("Conversations, the longest waiting first");

        assertThat(holder.get("/staff/inbox?owner=me&from=1").body()).contains("2–2 of 2.");
        assertThat(holder.get("/staff/inbox?from=-1").statusCode()).isEqualTo(400);
        assertThat(holder.get("/staff/inbox?order=sideways").statusCode()).isEqualTo(400);
    }

    @Test
    void twoAgentsTakingTheNextAtOnceGetTheTwoResidentsWaitingLongestNeverTheSameOne() throws Exception {
        textFrom("+14165550311", "A streetlight out on Bathurst");
        textFrom("+14165550312", "A streetlight out on Spadina");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> inbox.claimNext("toronto.ca", "agent"));
            var second = pool.submit(() -> inbox.claimNext("toronto.ca", "supervisor"));
            long a = first.get().orElseThrow();
            long b = second.get().orElseThrow();
            assertThat(a).isNotEqualTo(b);
            assertThat(jdbc.sql("select owner from conversation where id in (:ids) order by owner")
                            .param("ids", List.of(a, b))
                            .query(String.class)
                            .list())
                    .containsExactly("agent", "supervisor");
            assertThat(jdbc.sql(
                                    """
                                    with waiting as (
                                        select c.id, c.owner, c.status, c.jurisdiction_id, c.emergency, coalesce(
                                            (select min(m.at) from conversation_message m
                                             where m.conversation_id = c.id and m.direction = 'IN'
                                               and not m.automatic and m.id > coalesce(
                                                   (select max(o.id) from conversation_message o
                                                    where o.conversation_id = c.id and o.direction = 'OUT'
                                                      and not o.automatic), 0)),
                                            c.last_message_at) as since
                                        from conversation c)
                                    select count(*) from waiting w
                                    where jurisdiction_id = 'toronto.ca' and status = 'OPEN' and owner is null
                                      and exists (select 1 from waiting g where g.id in (:ids) and (
                                          (w.emergency is not null and g.emergency is null)
                                          or ((w.emergency is null) = (g.emergency is null) and w.since < g.since)))""")
                            .param("ids", List.of(a, b))
                            .query(Integer.class)
                            .single())
                    .as("nobody left waiting longer than those given out, an emergency first")
                    .isZero();
        } finally {
            pool.shutdown();
        }

        textFrom("+14165550313", "A streetlight out on Bloor");
        Desk agent = new Desk("agent");
        assertThat(agent.get("/staff/inbox").body()).contains("id=\"take-next\"", "held by nobody");
        HttpResponse<String> taken = agent.post("/staff/inbox/next", "");
        assertThat(taken.uri().getPath()).matches("/staff/inbox/\\d+");
        assertThat(taken.body()).contains("It is yours: the resident waiting longest.");
        Desk department = new Desk("swm");
        assertThat(department.post("/staff/inbox/next", "").statusCode()).isEqualTo(403);
    }

    @Test
    void theSupervisorsDashboardSaysHowManyResidentsWaitUntakenAndWhenOneHasWaitedTooLong() throws Exception {
        inbox.receive(textAt(
                "+14165550314",
                "The crossing signal at Harbord is stuck",
                Instant.now().minusSeconds(7_200),
                List.of()));
        int waiting = jdbc.sql("select count(*)::int from conversation where jurisdiction_id = 'toronto.ca'"
                        + " and status = 'OPEN' and owner is null")
                .query(Integer.class)
                .single();
        assertThat(new Desk("supervisor").get("/staff/dashboard").body())
                .as("stacked segments are edged in white, so that neighbours of close colours are told apart")
                .containsPattern("<rect stroke=\"#fff\" stroke-width=\"1\" [^>]*fill=\"#[0-9a-f]{6}\">")
                .contains("<li class=\"alert\">\n        <span class=\"value\">" + waiting + "</span>")
                .contains(
                        "href=\"/staff/inbox?status=OPEN&amp;owner=-&amp;order=oldest\">Residents waiting in the inbox,"
                                + " one for over 1 hour");
    }

    @Test
    void anEmergencyIsTakenBeforeResidentsWhoHaveWaitedLonger() throws Exception {
        long ordinary = inbox.receive(textAt(
                        "+14165550315",
                        "The bench in Trinity Bellwoods is broken",
                        Instant.now().minusSeconds(3_600),
                        List.of()))
                .conversationId();
        long emergency = textFrom("+14165550316", "There is smoke pouring out of the house next door");
        assertThat(new Desk("agent").get("/staff/inbox").body())
                .containsPattern("\\d+ of them wrote of an emergency, given first");

        // The suite's other conversations wait too: taken one by one, this emergency comes before the older bench.
        long taken;
        do {
            taken = inbox.claimNext("toronto.ca", "supervisor").orElseThrow();
        } while (taken != ordinary && taken != emergency);
        assertThat(taken).isEqualTo(emergency);
    }

    @Test
    void theInboxFindsAConversationByTheResidentsNumberHoweverSaidOrByWordsTheyWrote() throws Exception {
        long asked = textFrom("+14165550371", "Is the wading pool at Dufferin Grove drained for winter?");
        long other = textFrom("+14165550372", "Streetlight out on Gladstone Ave");
        textFrom("+14165550371", "Also: who do I ask about a skating permit?");
        Desk agent = new Desk("agent");

        String byNumber = agent.get("/staff/inbox?q=" + URLEncoder.encode("(416) 555-0371", StandardCharsets.UTF_8))
                .body();
        assertThat(byNumber).contains("/staff/inbox/" + asked + "\"").doesNotContain("/staff/inbox/" + other + "\"");
        assertThat(agent.get("/staff/inbox?q=" + URLEncoder.encode("416-555-0371 ext. 4", StandardCharsets.UTF_8))
                        .body())
                .as("with the extension the caller gave at work")
                .contains("/staff/inbox/" + asked + "\"");
        String byWords = agent.get("/staff/inbox?q=skating+PERMIT").body();
        assertThat(byWords).contains("/staff/inbox/" + asked + "\"").doesNotContain("/staff/inbox/" + other + "\"");
        // What is typed is words, never a pattern: a % matches only a %.
        assertThat(agent.get("/staff/inbox?q=%25").body()).contains("No conversation matches “%”.");
        assertThat(agent.get("/staff/inbox?q=" + "x".repeat(201)).statusCode()).isEqualTo(400);
    }

    @Test
    void abuseAimedAtStaffIsFlaggedWithGuidanceAndMasked() throws Exception {
        long id = textFrom("+14165550166", "You useless idiots, the pothole at 1033 Queen St W is still there");
        String page = new Desk("agent").get("/staff/inbox/" + id).body();
        assertThat(page).contains("abuse-guidance", "Answer the problem,", "never repeat the words");
        assertThat(page).doesNotContain("idiots");
    }

    @Test
    void aRantAboutARefereeIsFlaggedAsStrongLanguageThatNeedsNoPublicReply() throws Exception {
        long id = textFrom("+14165550167", "What a shit call by the ref last night, absolute joke of a game");
        String page = new Desk("agent").get("/staff/inbox/" + id).body();
        assertThat(page)
                .contains("Strong language", "needs no public", "reply, and the conversation may be closed")
                .doesNotContain("shit call");
    }

    @Test
    void aFalseAlarmIsFiledOnlyOnTheAgentsRecordedJudgement() throws Exception {
        long id = textFrom(
                "+14165550155", "Wire down across the sidewalk at 1033 Queen St W, it is the old cable TV line");
        assertThat(inbox.conversation("toronto.ca", id).emergency()).isNotNull();
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        assertThat(sam.post("/staff/inbox/" + id + "/request", POTHOLE).body()).contains("Nothing was filed");
        assertThat(linkedRequest(id)).isEmpty();

        sam.post("/staff/inbox/" + id + "/request", POTHOLE + "&notAnEmergency=on");
        String filed = linkedRequest(id).orElseThrow();
        assertThat(jdbc.sql(
                                """
                                select a.actor from request_audit a join service_request r on r.id = a.request_id
                                where r.public_id = :id and a.action = 'not an emergency'""")
                        .param("id", filed)
                        .query(String.class)
                        .list())
                .containsExactly("agent");
    }

    @Test
    void aNumberThatTextsAboutANewMatterAfterItsConversationWasClosedHasItFiledAsANewRequest() throws Exception {
        String phone = "+14165550161";
        long id = textFrom(phone, "Strong smell of gas outside 1033 Queen St W");
        assertThat(inbox.conversation("toronto.ca", id).emergency()).isNotNull();
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        // Away from the other tests' potholes, so that neither is a repeat of theirs.
        String elsewhere = POTHOLE.replace("1033+Queen+St+W", "Laneway+behind+the+old+mill");
        sam.post(page + "/request", elsewhere + "&notAnEmergency=on&description=Deep+pothole+in+the+curb+lane");
        String march = linkedRequest(id).orElseThrow();
        sam.get(page);
        sam.post(page + "/close", "");

        // Months later, the same number, another problem: the same thread, a new matter.
        assertThat(textFrom(phone, "The bins at 1033 Queen St W were not collected this week"))
                .isEqualTo(id);
        assertThat(inbox.conversation("toronto.ca", id).emergency())
                .as("the gas of March is not this message's emergency")
                .isNull();
        assertThat(linkedRequest(id)).isEmpty();
        sam.get(page);
        String shown = sam.post(page + "/claim", "").body();
        assertThat(shown).contains("Make a service request from it", march).doesNotContain("class=\"error emergency\"");
        sam.post(page + "/request", elsewhere + "&description=Bins+not+collected");
        String june = linkedRequest(id).orElseThrow();
        assertThat(june).isNotEqualTo(march);

        // The inbox still finds the conversation by the March request's number.
        assertThat(sam.get("/staff/inbox?q=" + march).body()).contains("/staff/inbox/" + id + "\"");

        // Each request keeps the conversation it came from.
        for (String request : List.of(march, june)) {
            assertThat(inbox.conversationsAbout("toronto.ca", request))
                    .singleElement()
                    .satisfies(c -> assertThat(c.requestFiledHere()).isTrue());
        }
    }

    @Test
    void aDescriptionTheAgentWroteThatTriageTakesForAnEmergencyOffersTheJudgement() throws Exception {
        long id = textFrom("+14165550144", "Graffiti on the bin at 1033 Queen St W");
        assertThat(inbox.conversation("toronto.ca", id).emergency()).isNull();
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        String page = sam.post(
                        "/staff/inbox/" + id + "/request", POTHOLE + "&description=Someone+painted+flames+on+the+bin")
                .body();
        assertThat(page).contains("Nothing was filed", "name=\"notAnEmergency\"");
    }

    /** The filing form for a pothole at an address the gazetteer knows, its questions answered. */
    @Test
    void aReportThatWaitedInTheInboxCountsFromWhenTheResidentWroteWithTheirEarlierPhotoAndTheAnswerAlreadyGiven()
            throws Exception {
        Instant wrote =
                Instant.now().minus(java.time.Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String phone = "+14165550163";
        // An exchange of long ago in the same thread (an SMS thread is the number), closed since.
        long old = inbox.receive(textAt(
                        phone,
                        "My front door, for the record",
                        wrote.minus(java.time.Duration.ofDays(40)),
                        List.of(org.civic311.support.Images.png(20, 20))))
                .conversationId();
        jdbc.sql(
                        """
                        insert into conversation_event (conversation_id, at, actor, action, detail, last_message_id)
                        values (:c, :at, 'agent', 'CLOSED', 'ANSWERED',
                                (select max(id) from conversation_message where conversation_id = :c))""")
                .param("c", old)
                .param("at", java.sql.Timestamp.from(wrote.minus(java.time.Duration.ofDays(2))))
                .update();
        String oldPhoto = jdbc.sql(
                        """
                        select p.path from conversation_media p join conversation_message m on m.id = p.message_id
                        where m.conversation_id = :c""")
                .param("c", old)
                .query(String.class)
                .single();
        long id = inbox.receive(textAt(phone, "Look at this", wrote, List.of(org.civic311.support.Images.png(40, 30))))
                .conversationId();
        inbox.receive(textAt(
                phone, "It is a deep pothole at 30 Elm Ave", wrote.plus(java.time.Duration.ofHours(1)), List.of()));
        assertThat(id).as("the same thread").isEqualTo(old);
        String photo = jdbc.sql(
                        """
                        select p.path from conversation_media p join conversation_message m on m.id = p.message_id
                        where m.conversation_id = :c and p.path <> :old""")
                .param("c", id)
                .param("old", oldPhoto)
                .query(String.class)
                .single();
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        assertThat(sam.post(
                                page + "/reply",
                                "text=" + URLEncoder.encode("Thanks, filing it now.", StandardCharsets.UTF_8))
                        .body())
                .contains("Reply sent.");
        assertThat(sam.get(page).body())
                .as("the photo of the first message is offered with the second's words")
                .contains("value=\"" + photo + "\"")
                .as("but none of an exchange closed before")
                .doesNotContain("value=\"" + oldPhoto + "\"")
                .contains("Sent in a private message, so they are attached for staff");

        // Elsewhere than the other tests' potholes, so that it is no repeat of theirs.
        sam.post(
                page + "/request",
                "service=CSROWR-12&address=" + URLEncoder.encode("30 Elm Ave", StandardCharsets.UTF_8)
                        + "&answers.POTHOLE_SIZE=LARGE&answers.LOCATION_ON_ROAD=CURB_LANE&photo="
                        + URLEncoder.encode(photo, StandardCharsets.UTF_8));

        String filed = linkedRequest(id).orElseThrow();
        var row = jdbc.sql("select requested_at, updated_at from service_request where public_id = :p")
                .param("p", filed)
                .query()
                .singleRow();
        assertThat(((java.sql.Timestamp) row.get("requested_at")).toInstant())
                .as("due from when the resident first wrote")
                .isEqualTo(wrote);
        assertThat(((java.sql.Timestamp) row.get("updated_at")).toInstant())
                .as("changed now, for clients reading what changed")
                .isAfter(wrote.plus(java.time.Duration.ofHours(2)));
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_media m join service_request s on s.id = m.request_id
                                where s.public_id = :p""")
                        .param("p", filed)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                """
                                select m.url || ' ' || m.public from request_media m
                                join service_request s on s.id = m.request_id where s.public_id = :p""")
                        .param("p", filed)
                        .query(String.class)
                        .single())
                .as("texted to the city, not to the public: for staff until they show it")
                .startsWith("/staff/media/")
                .endsWith(" false");
        assertThat(jdbc.sql(
                                """
                                select a.actor from request_audit a join service_request s on s.id = a.request_id
                                where s.public_id = :p and a.action = 'replied'""")
                        .param("p", filed)
                        .query(String.class)
                        .list())
                .as("the reply sent before filing is the request's first response")
                .containsExactly("agent");
    }

    @Autowired
    org.civic311.notifications.OptOuts optOuts;

    /** The story of the informative reply: a request the city cannot grant is still answered, promptly and well. */
    @Test
    void aRequestThatCannotBeGrantedIsAnsweredInItsChannelSayingWhyFromANamedPersonAndItsFirstResponseCounted()
            throws Exception {
        String phone = "+14165550147";
        long id = textFrom(phone, "Deep pothole in the curb lane of the lane behind 1033 Queen St W, please fill it");
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        // A place of its own: the other tests' reports at 1033 Queen St W would make this one a repeat there.
        sam.post("/staff/inbox/" + id + "/request", POTHOLE.replace("1033+Queen+St+W", "Lane+behind+1033+Queen+St+W"));
        String request = linkedRequest(id).orElseThrow();

        // Roads finds the lane is private: the request is closed saying so, from the request's page.
        Desk dana = new Desk("roads");
        dana.get("/staff/requests/" + request);
        String why = "The lane behind 1033 Queen St W is private, so the City cannot pave it; its owners repair it.";
        dana.post(
                "/staff/requests/" + request + "/status",
                "status=cancelled&resolution=NOT_CITY_RESPONSIBILITY&publicNote="
                        + URLEncoder.encode(why, StandardCharsets.UTF_8));

        // The resident is texted why, in the channel they wrote in, signed by the person who decided it.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        """
                                        select n.body_text from notification n join service_request r on r.id = n.request_id
                                        where r.public_id = :p and n.channel = 'SMS' and n.recipient = :phone""")
                                .param("p", request)
                                .param("phone", phone)
                                .query(String.class)
                                .list())
                        .anySatisfy(
                                text -> assertThat(text).contains("Update on request " + request, why, "^Dana K.")));
        // The request's page counts it as the first response, and by whom; the dashboard's medians are made of it.
        assertThat(dana.get("/staff/requests/" + request).body())
                .contains("Not the City&#39;s responsibility")
                .containsPattern("\\d+ min after it was made, by roads");
    }

    @Test
    void aNumberThatTextedStopHasItsReportFiledButIsTextedNothing() throws Exception {
        long id = textFrom("+14165550165", "Deep pothole at 30 Elm Ave");
        optOuts.stopTextMessages("+14165550165");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        assertThat(sam.post(page + "/reply", "text=" + URLEncoder.encode("On it.", StandardCharsets.UTF_8))
                        .body())
                .contains("This number texted STOP");
        assertThat(replies(id)).isZero();

        sam.post(
                page + "/request",
                "service=CSROWR-12&address=" + URLEncoder.encode("30 Elm Ave", StandardCharsets.UTF_8)
                        + "&answers.POTHOLE_SIZE=LARGE&answers.LOCATION_ON_ROAD=CURB_LANE");
        String filed = linkedRequest(id).orElseThrow();
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower f join service_request s on s.id = f.request_id
                                where s.public_id = :p and f.channel = 'SMS'""")
                        .param("p", filed)
                        .query(Integer.class)
                        .single())
                .as("filed, and not followed by text")
                .isZero();
    }

    @Test
    void noReportCountsFromLongerAgoThanTwoWeeksWhateverAMessageSaysOfItsDate() throws Exception {
        String phone = "+14165550164";
        long id = inbox.receive(textAt(
                        phone,
                        "Deep pothole at 30 Elm Ave",
                        Instant.now().minus(java.time.Duration.ofDays(30)),
                        List.of()))
                .conversationId();
        Desk sam = new Desk("agent");
        sam.get("/staff/inbox/" + id);
        sam.post("/staff/inbox/" + id + "/claim", "");
        sam.post(
                "/staff/inbox/" + id + "/request",
                "service=CSROWR-12&address=" + URLEncoder.encode("30 Elm Ave", StandardCharsets.UTF_8)
                        + "&answers.POTHOLE_SIZE=LARGE&answers.LOCATION_ON_ROAD=CURB_LANE");
        Instant requested = jdbc.sql("select requested_at from service_request where public_id = :p")
                .param("p", linkedRequest(id).orElseThrow())
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        assertThat(requested)
                .isBetween(
                        Instant.now().minus(java.time.Duration.ofDays(14)).minusSeconds(60),
                        Instant.now().minus(java.time.Duration.ofDays(14)).plusSeconds(60));
    }

    static final String POTHOLE = "service=CSROWR-12&address=1033+Queen+St+W&answers.POTHOLE_SIZE=LARGE"
            + "&answers.LOCATION_ON_ROAD=CURB_LANE";

    /** A text message from a resident's phone, each with a provider id of its own: its conversation. */
    @Test
    void aResidentLeftWaitingByTheAgentWhoHoldsTheConversationMayBeAnsweredByAnother() throws Exception {
        long id = textFrom("+14165550178", "Is the ferry running to Ward's Island today?");
        Desk sam = new Desk("agent");
        Desk jordan = new Desk("agent2");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        jordan.get(page);
        assertThat(jordan.post(page + "/claim", "").body()).contains("The conversation is held by agent");

        // Sam took it a moment ago: the resident's waiting (five hours, a backlog) does not free it yet.
        jdbc.sql("update conversation_message set at = now() - interval '5 hours' where conversation_id = :id")
                .param("id", id)
                .update();
        assertThat(jordan.post(page + "/claim", "").body()).contains("The conversation is held by agent");
        // Sam went off shift four and a half hours ago without answering; the resident writing again just now does
        // not hold the conversation for Sam any longer.
        jdbc.sql("update conversation set claimed_at = now() - interval '270 minutes' where id = :id")
                .param("id", id)
                .update();
        assertThat(textFrom("+14165550178", "Hello? Is anyone there?")).isEqualTo(id);

        assertThat(jordan.post(page + "/claim", "").body()).contains("It is yours.");
        assertThat(inbox.conversation("toronto.ca", id).owner()).isEqualTo("agent2");
    }

    @Test
    void anAgentSigningOutLetsTheirConversationsGoAndOneHeldPastItsHoldIsTakenNext() throws Exception {
        long answered = textFrom("+14165550182", "When does the pool on Harbord open?");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + answered;
        sam.get(page);
        sam.post(page + "/claim", "");
        assertThat(inbox.conversation("toronto.ca", answered).owner()).isEqualTo("agent");
        sam.post("/logout", "");
        assertThat(inbox.conversation("toronto.ca", answered).owner())
                .as("the resident's next message is for whoever is on, not kept for Sam until the hold runs out")
                .isNull();
        assertThat(inbox.history(answered))
                .extracting(ConversationEvent::describe)
                .contains("agent let it go, signing out");

        // Held by Jordan, who went off shift four and a half hours ago with a resident waiting five: seen, and given.
        long held = textFrom("+14165550183", "There is a gas smell on our street, like rotten eggs");
        Desk jordan = new Desk("agent2");
        jordan.get("/staff/inbox/" + held);
        jordan.post("/staff/inbox/" + held + "/claim", "");
        jdbc.sql("update conversation_message set at = now() - interval '5 hours' where conversation_id = :id")
                .param("id", held)
                .update();
        jdbc.sql("update conversation set claimed_at = now() - interval '270 minutes' where id = :id")
                .param("id", held)
                .update();
        assertThat(inbox.waiting("toronto.ca").heldWaiting()).isPositive();
        assertThat(new Desk("supervisor").get("/staff/inbox").body())
                .contains("more held by", "waiting over 30 minutes");
        assertThat(inbox.claimNext("toronto.ca", "supervisor")).contains(held);
        assertThat(inbox.history(held))
                .extracting(ConversationEvent::describe)
                .contains("supervisor took it from agent2");
    }

    @Test
    void aSupervisorGivesAConversationToANamedAgentWhoeverHeldIt() throws Exception {
        long id = textFrom("+14165550184", "Bonjour, mon bac vert n'a pas été ramassé rue Harbord");
        String page = "/staff/inbox/" + id;
        Desk sam = new Desk("agent");
        sam.get(page);
        sam.post(page + "/claim", "");
        Desk supervisor = new Desk("supervisor");
        assertThat(supervisor.get(page).body()).contains("Give it to", "name=\"agent\"");

        assertThat(supervisor.post(page + "/give", "agent=nobody-here").body())
                .contains("Agent is not an agent of the inbox: choose one from the list.");
        assertThat(inbox.conversation("toronto.ca", id).owner()).isEqualTo("agent");
        assertThat(sam.post(page + "/give", "agent=agent2").statusCode())
                .as("agents take and let go; supervisors give")
                .isEqualTo(403);

        assertThat(supervisor.post(page + "/give", "agent=agent2").body()).contains("Given to ");
        assertThat(inbox.conversation("toronto.ca", id).owner()).isEqualTo("agent2");
        assertThat(inbox.history(id)).extracting(ConversationEvent::describe).contains("supervisor gave it to agent2");
        assertThat(supervisor.get("/staff/dashboard").body())
                .as("the dashboard says who of the team holds what")
                .contains("The team today")
                .containsPattern("<th scope=\"row\">[^<]+</th>\\s*<td>\\d+</td>\\s*<td>(Yes|No)</td>");
    }

    @Test
    void afterAnsweringTheAgentSendsOneFurtherMessagePerFormSuchAsATrackingNumber() throws Exception {
        long id = textFrom("+14165550179", "The streetlight at my corner flickers all night.");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        assertThat(sam.post(page + "/reply", "text=" + URLEncoder.encode("Looking into it.", StandardCharsets.UTF_8))
                        .body())
                .contains("Reply sent.");

        String answered = sam.get(page).body();
        assertThat(answered).contains("Send the further message");
        String further = answered.replaceAll("(?s).*name=\"further\" value=\"([0-9a-f-]{36})\".*", "$1");
        String form = "further=" + further + "&text="
                + URLEncoder.encode("Filed as request 1234567.", StandardCharsets.UTF_8);

        assertThat(sam.post(page + "/reply", form).body()).contains("Reply sent.");
        assertThat(sam.post(page + "/reply", form).body()).contains("This further message was already sent");
        assertThat(replies(id)).isEqualTo(2);
    }

    @Test
    void aReplyOrACloseMadeBeforeTheResidentsNewMessageWasSeenIsRefused() throws Exception {
        long id = textFrom("+14165550181", "Is the rink at Nathan Phillips Square open?");
        Desk sam = new Desk("agent");
        String page = "/staff/inbox/" + id;
        sam.get(page);
        sam.post(page + "/claim", "");
        String seen = sam.get(page).body().replaceAll("(?s).*name=\"seen\" value=\"(\\d+)\".*", "$1");

        textFrom("+14165550181", "And are skates for rent there?");

        String answer = "&text=" + URLEncoder.encode("Yes, it opens at 10.", StandardCharsets.UTF_8);
        assertThat(sam.post(page + "/reply", "seen=" + seen + answer).body())
                .contains("The resident wrote again since this page was opened");
        assertThat(sam.post(page + "/close", "seen=" + seen).body())
                .contains("The resident wrote again since this page was opened");
        assertThat(replies(id)).isZero();
        assertThat(inbox.conversation("toronto.ca", id).status().name()).isEqualTo("OPEN");

        String fresh = sam.get(page).body().replaceAll("(?s).*name=\"seen\" value=\"(\\d+)\".*", "$1");
        assertThat(sam.post(page + "/reply", "seen=" + fresh + answer).body()).contains("Reply sent.");
    }

    @Test
    void aResidentsWordsAreMarkedInTheLanguageTheyWroteThem() throws Exception {
        long id = textFrom("+14165550177", "Bonjour, le lampadaire devant chez moi est éteint depuis trois jours.");
        Desk sam = new Desk("agent");

        assertThat(sam.get("/staff/inbox/" + id).body())
                .as("read aloud in French by a screen reader")
                .contains("<p lang=\"fr\">Bonjour, le lampadaire devant chez moi");
        assertThat(sam.get("/staff/inbox").body()).contains("lang=\"fr\">Bonjour, le lampadaire devant chez moi");
    }

    long textFrom(String phone, String text) {
        return inbox.receive(textAt(phone, text, Instant.now(), List.of())).conversationId();
    }

    /** A text message from a resident's phone, sent at the time given, with its photos. */
    static IncomingMessage textAt(String phone, String text, Instant at, List<byte[]> photos) {
        return new IncomingMessage(
                null,
                ConversationChannel.SMS,
                "SM" + java.util.UUID.randomUUID().toString().replace("-", ""),
                phone,
                null,
                phone,
                null,
                null,
                text,
                at,
                photos,
                null);
    }

    java.util.Optional<String> linkedRequest(long conversation) {
        return jdbc.sql("select request_public_id from conversation where id = :id and request_public_id is not null")
                .param("id", conversation)
                .query(String.class)
                .optional();
    }

    @Test
    void theFirstPagesOfANewSessionRequestedAtOnceAllAnswer() throws Exception {
        // Signed in without following the redirect: the pages that follow each create the session's CSRF token.
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher token = CSRF.matcher(login);
        org.assertj.core.api.Assertions.assertThat(token.find()).isTrue();
        browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=agent&password=civic311-demo&_csrf=" + token.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        List<java.util.concurrent.Future<Integer>> pages = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                pages.add(pool.submit(() -> browser.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/inbox"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (var page : pages) {
                org.assertj.core.api.Assertions.assertThat(page.get()).isEqualTo(200);
            }
        }
    }
}
