package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.civic311.requests.Actor;
import org.civic311.requests.Channel;
import org.civic311.requests.FollowerChannel;
import org.civic311.requests.Location;
import org.civic311.requests.NewServiceRequest;
import org.civic311.requests.Reporter;
import org.civic311.requests.RequestStatusChanged;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequests;
import org.civic311.requests.Transition;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.MutableClock;
import org.civic311.support.TestChannelServer;
import org.civic311.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Followers hear of each public change once, by email, in their language; a mail server outage delays, never loses. */
@Civic311ClockTest
class NotificationTests {

    @Autowired
    ServiceRequests requests;

    @Autowired
    RequestWork work;

    @Autowired
    Outbox outbox;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    Notifications notifications;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.staff.StaffDirectory staff;

    @BeforeEach
    void mailServerUp() {
        TestMailServer.start();
    }

    @AfterAll
    static void mailServerDown() {
        TestMailServer.stop();
    }

    /** A web report by a resident who gave their email; its acknowledgement queued, as it is after every such report. */
    String reportBy(String email, String language) {
        String id = report(email, language);
        await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged(id) == 1);
        return id;
    }

    String report(String email, String language) {
        return requests.submit(new NewServiceRequest(
                        null,
                        "SWLMALB-02",
                        new Location(
                                null,
                                null,
                                "Graffiti bin by stop " + email.substring(0, email.indexOf('@')),
                                null,
                                null),
                        "Tags on the litter bin",
                        Map.of(),
                        java.util.List.of(),
                        List.of(),
                        new Reporter("Résident", null, email, null, null, null),
                        // Taken by an agent from the caller: it follows at once (a typed one waits, FollowTests).
                        Channel.PHONE,
                        language))
                .publicId();
    }

    void close(String id, String note) {
        work.transition(
                "toronto.ca",
                id,
                new Transition("completed", note, null, org.civic311.catalog.Resolution.FIXED),
                new Actor("swm", "web"));
    }

    @Test
    void aNoteCorrectedBeforeItsMessageWentIsSentAsCorrectedAndOnce() throws Exception {
        String id = reportBy("still-waiting@example.org", "en");
        Actor luis = new Actor("swm", "web");
        work.addNote("toronto.ca", id, "The crew comes on Tusday, Bob at the depot says.", true, luis);
        awaitQueued(id);
        long note = jdbc.sql("select n.id from request_note n join service_request r on r.id = n.request_id"
                        + " where r.public_id = :id and n.text like 'The crew comes%'")
                .param("id", id)
                .query(Long.class)
                .single();
        // The mail server was down: nothing has gone yet.
        work.correctPublicNote("toronto.ca", id, note, "The crew comes on Tuesday.", "Spelling, and a word", luis);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from notification where idempotency_key like :k"
                                        + " and body_text like '%on Tuesday.%'")
                                .param("k", "status:" + note + ":%")
                                .query(Integer.class)
                                .single()
                        == 1);

        outbox.sendDue();
        outbox.sendDue();
        List<MimeMessage> sent = updates(TestMailServer.to("still-waiting@example.org"));
        assertThat(sent).hasSize(1);
        assertThat(content(sent.getFirst()))
                .contains("The crew comes on Tuesday.")
                .doesNotContain("Bob at the depot", "Tusday");
    }

    @Test
    void eachFollowerGetsOneMessagePerPublicChangeInTheirLanguage() throws Exception {
        String english = reportBy("jo@example.org", "en");
        String french = reportBy("camille@example.org", "fr-CA");
        close(english, "The graffiti was painted over today.");
        close(french, "Les graffitis ont été effacés aujourd'hui.");
        awaitQueued(english);
        awaitQueued(french);

        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> toJo = updates(TestMailServer.to("jo@example.org"));
        assertThat(toJo).hasSize(1);
        assertThat(toJo.getFirst().getSubject()).isEqualTo("Update on your request " + english);
        String body = content(toJo.getFirst());
        assertThat(body)
                .contains("The graffiti was painted over today.")
                .as("which of their requests, by its place")
                .contains("service request " + english + " (Graffiti on a City litter bin, Graffiti bin by stop jo):")
                .contains("/unfollow/")
                .contains("See the request and everything that has happened to it:")
                .contains("/requests/" + english);
        // From a named person: whoever closed it, by their public name and title.
        var closer = staff.profile("swm").orElseThrow();
        assertThat(body).contains(closer.signedName() + ", " + closer.title());

        List<MimeMessage> toCamille = updates(TestMailServer.to("camille@example.org"));
        assertThat(toCamille).hasSize(1);
        assertThat(toCamille.getFirst().getSubject()).isEqualTo("Mise à jour de votre demande " + french);
        assertThat(content(toCamille.getFirst())).contains("Les graffitis ont été effacés aujourd'hui.");
    }

    @Test
    void aNewStatusWithoutANoteIsStillToldToFollowersInTheirLanguage() throws Exception {
        String english = reportBy("sans-note@example.org", "en");
        String french = reportBy("sans-mot@example.org", "fr");
        for (String id : List.of(english, french)) {
            work.transition("toronto.ca", id, new Transition("in_progress", null, null, null), new Actor("swm", "web"));
            awaitQueued(id);
        }
        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> toEnglish = updates(TestMailServer.to("sans-note@example.org"));
        assertThat(toEnglish)
                .as("the acknowledgement promised word of every change")
                .hasSize(1);
        assertThat(content(toEnglish.getFirst())).contains("Status changed to In progress.");
        List<MimeMessage> toFrench = updates(TestMailServer.to("sans-mot@example.org"));
        assertThat(toFrench).hasSize(1);
        assertThat(content(toFrench.getFirst()))
                .contains("État changé : En cours.")
                .doesNotContain("Status changed");
    }

    @Test
    void followersAreToldWhatTheirRequestIsNowAndWhenItIsDueWhenStaffCorrectItsType() throws Exception {
        String english = reportBy("retyped@example.org", "en");
        String french = reportBy("retype@example.org", "fr");
        for (String id : List.of(english, french)) {
            work.recategorise(
                    "toronto.ca", id, "SWM-LITTER-BIN-FULL", "Overflowing, not tagged", new Actor("swm", "web"));
            awaitQueued(id);
        }
        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> toEnglish = updates(TestMailServer.to("retyped@example.org"));
        assertThat(toEnglish).hasSize(1);
        assertThat(content(toEnglish.getFirst()))
                .containsPattern(
                        "Your request is now about: City litter bin full or overflowing\\. It is expected to be"
                                + " dealt with by [A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4}\\.")
                .as("the reason stays with staff")
                .doesNotContain("not tagged");
        List<MimeMessage> toFrench = updates(TestMailServer.to("retype@example.org"));
        assertThat(toFrench).hasSize(1);
        assertThat(content(toFrench.getFirst()))
                .containsPattern("Votre demande porte maintenant sur : City litter bin full or overflowing\\. Elle"
                        + " devrait être traitée d'ici le [a-z]+ \\d{1,2} [a-zéû]+ \\d{4}\\.");
        assertThat(new org.civic311.support.Http(port)
                        .get("/requests/" + english)
                        .body())
                .as("the request's page says it too")
                .contains("This request is now about: City litter bin full or overflowing.");
        assertThat(new org.civic311.support.Http(port)
                        .get("/requests/" + french + "?lang=fr")
                        .body())
                .as("and in French on the French page, as the follower was told")
                .containsPattern("Cette demande porte maintenant sur : City litter bin full or overflowing\\. Elle"
                        + " devrait être traitée d&#39;ici le \\d{1,2} [a-zéû]+ \\d{4}, \\d{2} h \\d{2}\\.")
                .doesNotContain("This request is now about");
    }

    @Test
    void anEmergencyWhoseGuidanceCouldNotBeTextedSaysSoOnTheAgentsBanner() {
        String phone = "+14165550162";
        optOuts.stopTextMessages(phone);
        long id = inbox.receive(new org.civic311.conversations.IncomingMessage(
                        null,
                        org.civic311.conversations.ConversationChannel.SMS,
                        "SM" + java.util.UUID.randomUUID().toString().replace("-", ""),
                        phone,
                        null,
                        phone,
                        null,
                        null,
                        "There is smoke coming out of the house next door, I hear someone inside",
                        clock.instant(),
                        List.of(),
                        null))
                .conversationId();
        // The guidance is queued at once; the outbox gives it up, since the number texted STOP.
        outbox.sendDue();

        org.civic311.support.Http agent = org.civic311.support.Http.browser(port);
        agent.signIn("agent", "civic311-demo", null);
        assertThat(agent.get("/staff/inbox/" + id).body())
                .contains("the 911 guidance did NOT reach them (not sent: the number texted STOP)")
                .doesNotContain("the 911 guidance was");
    }

    @Test
    void aFrenchFollowerOfADuplicateIsToldInFrenchWhereItIsWorkedOn() throws Exception {
        String original = reportBy("premier@example.org", "en");
        String repeat = reportBy("doublon@example.org", "fr");

        work.markDuplicate("toronto.ca", repeat, original, new Actor("swm", "web"));
        awaitQueued(repeat);
        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> toDoublon = updates(TestMailServer.to("doublon@example.org"));
        assertThat(toDoublon).hasSize(1);
        assertThat(content(toDoublon.getFirst()))
                .contains("Ce problème a déjà été signalé par la demande " + original, "État : En double")
                .doesNotContain("already reported")
                .as("its stop link stops the updates it announces, those of the original")
                .contains("/unfollow/"
                        + jdbc.sql(
                                        """
                                        select f.unsubscribe_token::text from request_follower f
                                        join service_request r on r.id = f.request_id
                                        where r.public_id = :id and f.address = 'doublon@example.org'""")
                                .param("id", original)
                                .query(String.class)
                                .single());
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/requests/" + repeat))
                                .header("Accept-Language", "fr")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.body())
                .as("the public page says it in French too")
                .contains(">En double<", "Ce problème a déjà été signalé par la demande " + original);
    }

    @Autowired
    Replies replies;

    @Test
    void anUpdateThatCameBackUndeliveredIsShownToStaffOnTheRequestPage() throws Exception {
        String id = reportBy("gone.away@example.org", "en");
        close(id, "Painted over this afternoon.");
        awaitQueued(id);
        outbox.sendDue();
        outbox.sendDue();
        String key = jdbc.sql(
                        """
                        select n.idempotency_key from notification n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.idempotency_key like 'status:%'""")
                .param("id", id)
                .query(String.class)
                .single();

        assertThat(replies.returned(
                        Replies.emailMessageId(key), List.of("gone.away@example.org"), "550 5.1.1 mailbox unknown"))
                .isTrue();

        org.civic311.support.Http desk = org.civic311.support.Http.browser(port);
        desk.signIn("agent", "civic311-demo", null);
        assertThat(desk.get("/staff/requests/" + id).body())
                .contains("Not delivered: these followers did not get a message about this request.")
                .contains("gone.away@example.org · 550 5.1.1 mailbox unknown");
    }

    @Test
    void everyMailAboutOneRequestToOneAddressIsOfOneThread() throws Exception {
        String id = reportBy("one.thread@example.org", "en");
        close(id, "Painted over this morning.");
        awaitQueued(id);
        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> mails = TestMailServer.to("one.thread@example.org");
        assertThat(mails).hasSize(2);
        String thread = mails.getFirst().getHeader("References", null);
        assertThat(thread).matches("<[0-9a-f]{32}@civic311>");
        assertThat(mails.get(1).getHeader("References", null)).isEqualTo(thread);
        assertThat(mails.get(1).getHeader("In-Reply-To", null)).isEqualTo(thread);
        assertThat(mails.getFirst().getMessageID()).isNotEqualTo(mails.get(1).getMessageID());
    }

    @Test
    void aFollowConfirmationDeliveredAgainAfterTheAddressWasErasedSendsNothing() {
        String id = report("caller.only@example.org", "en");
        long requestId = jdbc.sql("select id from service_request where public_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        // As the event table would hand it back after a crash: for an address no longer waiting (erased since).
        notifications.on(new org.civic311.requests.FollowConfirmationRequested(
                requestId,
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.EMAIL,
                "erased.since@example.org",
                java.util.UUID.randomUUID().toString(),
                "en"));
        assertThat(jdbc.sql("select count(*) from notification where recipient = 'erased.since@example.org'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aFollowersMailCarriesTheUnsubscribeThatMailProgramsOfferAsAButtonAndItsOneClickStops() throws Exception {
        String id = reportBy("one.click@example.org", "en");
        close(id, "Painted over this morning.");
        awaitQueued(id);
        outbox.sendDue();
        outbox.sendDue();

        List<MimeMessage> mails = TestMailServer.to("one.click@example.org");
        assertThat(mails).hasSize(2);
        String unsubscribe = mails.get(1).getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).matches("<https?://[^>]+/unfollow/[^>]+>");
        assertThat(mails.get(1).getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        // As a mail provider posts it: no cookie, no form token, the one field RFC 8058 gives.
        java.net.URI link = java.net.URI.create(unsubscribe.substring(1, unsubscribe.length() - 1));
        org.civic311.support.Http.Response clicked = new org.civic311.support.Http(port)
                .post(
                        link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()),
                        "application/x-www-form-urlencoded",
                        "List-Unsubscribe=One-Click");
        assertThat(clicked.status()).as(clicked.body()).isLessThan(400);
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower f join service_request r on r.id = f.request_id
                                where r.public_id = :id and f.address = 'one.click@example.org'""")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aReporterWhoGaveTheirEmailIsToldTheTrackingNumberOnceInTheirLanguage() throws Exception {
        String english = reportBy("ack@example.org", "en");
        String french = reportBy("accuse@example.org", "fr");
        outbox.sendDue();

        List<MimeMessage> toAck = TestMailServer.to("ack@example.org");
        assertThat(toAck).hasSize(1);
        assertThat(toAck.getFirst().getSubject()).isEqualTo("We received your request " + english);
        assertThat(content(toAck.getFirst()))
                .contains("your service request " + english + " (Graffiti", "Keep this number")
                .contains("It is expected to be dealt with by ")
                .contains("/requests/" + english, "/unfollow/");
        MimeMessage toAccuse = TestMailServer.to("accuse@example.org").getFirst();
        assertThat(toAccuse.getSubject()).isEqualTo("Nous avons reçu votre demande " + french);
        assertThat(content(toAccuse))
                .contains("Elle devrait être traitée d'ici le ")
                .containsPattern("/unfollow/[^\\s\"?]+\\?lang=fr")
                .as("the tracking link opens in French too")
                .contains("/requests/" + french + "?lang=fr");
        assertThat(content(toAck.getFirst()))
                .as("an English resident's phone may be set to French")
                .contains("/requests/" + english + "?lang=en")
                .doesNotContain("lang=fr");

        // Delivered twice, the event makes one message; a report from a conversation is answered there instead.
        long requestId = requests.find("toronto.ca", english).orElseThrow().id();
        notifications.on(
                new org.civic311.requests.FollowedByReporter(requestId, "toronto.ca", english, Channel.PHONE, null));
        assertThat(acknowledged(english)).isEqualTo(1);
        notifications.on(
                new org.civic311.requests.FollowedByReporter(requestId, "toronto.ca", english, Channel.EMAIL, null));
        assertThat(acknowledged(english)).isEqualTo(1);
    }

    @Autowired
    org.civic311.inquiries.Inquiries inquiries;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void anAlertThatACallbackIsDueStillWaitingWhenTheCallbackIsRecordedIsNotSent() {
        String reference = inquiries
                .open(
                        "toronto.ca",
                        new org.civic311.inquiries.NewInquiry(
                                "Who trims the hedge at the library?",
                                null,
                                "416-555-0168",
                                null,
                                true,
                                org.civic311.inquiries.ContactChannel.PHONE,
                                null),
                        "agent")
                .reference();
        var promise = inquiries.escalate("toronto.ca", reference, "jmarchetti", null, null, null, "agent");
        // As the watch publishes it when the deadline nears, while the mail server is away.
        transaction.executeWithoutResult(
                status -> events.publishEvent(new org.civic311.inquiries.CallbackPromiseNearing(
                        promise.id(), "toronto.ca", reference, "jmarchetti", promise.deadline(), null)));
        String key = "promise-nearing:" + promise.id();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from notification where idempotency_key = :k")
                                .param("k", key)
                                .query(Integer.class)
                                .single()
                        == 1);

        inquiries.recordCallback(
                "toronto.ca",
                promise.id(),
                "Called back: the library's contractor trims it.",
                false,
                new org.civic311.inquiries.Acting("supervisor", null, true));
        while (outbox.sendDue() > 0) {
            // until nothing due is left
        }

        assertThat(jdbc.sql(
                                "select (sent_at is null) || ' ' || last_error from notification where idempotency_key = :k")
                        .param("k", key)
                        .query(String.class)
                        .single())
                .isEqualTo("true no longer needed: the callback was recorded or the promise withdrawn");
    }

    @Autowired
    OptOuts optOuts;

    @Test
    void aTextMessageStillWaitingWhenItsNumberTextsStopIsNotSent() {
        String id = report("stop.waiting@example.org", "en");
        work.follow("toronto.ca", id, FollowerChannel.SMS, "416-555-0193", "en", null, new Actor("agent", "api"));
        close(id, "Painted over this morning.");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from notification where channel = 'SMS' and recipient = :to")
                                .param("to", "4165550193")
                                .query(Integer.class)
                                .single()
                        == 1);

        optOuts.stopTextMessages("+14165550193");
        while (outbox.sendDue() > 0) {
            // until nothing due is left
        }

        assertThat(jdbc.sql("select (sent_at is null) || ' ' || last_error from notification where channel = 'SMS'"
                                + " and recipient = '4165550193'")
                        .query(String.class)
                        .single())
                .isEqualTo("true not sent: the number texted STOP");
    }

    @Test
    void anEventDeliveredTwiceMakesOneMessage() {
        String id = reportBy("twice@example.org", "en");
        close(id, "Cleaned.");
        awaitQueued(id);
        long requestId = requests.find("toronto.ca", id).orElseThrow().id();
        long noteId = jdbc.sql("select max(id) from request_note where request_id = :id and public")
                .param("id", requestId)
                .query(Long.class)
                .single();
        notifications.on(new RequestStatusChanged(
                requestId, "toronto.ca", id, noteId, "completed", true, "Cleaned.", "swm", clock.instant(), null));
        assertThat(queued(id)).isEqualTo(1);
    }

    @Test
    void whileTheMailServerIsDownMessagesWaitAndAreSentOnceItIsBack() {
        String id = reportBy("patient@example.org", "en");
        TestMailServer.stop();
        close(id, "Done while the mail server was down.");
        awaitQueued(id);
        assertThat(outbox.sendDue()).isZero();
        assertThat(jdbc.sql(
                                "select attempts from notification where request_id = (select id from service_request where public_id = :id) and idempotency_key like 'status:%'")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        TestMailServer.start();
        assertThat(outbox.sendDue()).as("not before its retry time").isZero();
        clock.advance(Outbox.backoff(1).plusSeconds(1));
        outbox.sendDue();
        assertThat(updates(TestMailServer.to("patient@example.org"))).hasSize(1);
        outbox.sendDue();
        assertThat(TestMailServer.to("patient@example.org"))
                .as("the update and the acknowledgement")
                .hasSize(2);
    }

    @Test
    void aMessageLeftHalfSentByACrashedInstanceIsSentAfterItsLease() {
        String id = reportBy("crash@example.org", "en");
        close(id, "Done just before the crash.");
        awaitQueued(id);
        // An instance leased the message and died before sending it.
        jdbc.sql(
                        "update notification set locked_until = :until where request_id = (select id from service_request where public_id = :id)")
                .param("until", Timestamp.from(clock.instant().plus(java.time.Duration.ofMinutes(2))))
                .param("id", id)
                .update();
        outbox.sendDue();
        assertThat(TestMailServer.to("crash@example.org")).isEmpty();
        clock.advance(java.time.Duration.ofMinutes(2).plusSeconds(1));
        outbox.sendDue();
        assertThat(TestMailServer.to("crash@example.org"))
                .as("the update and the acknowledgement")
                .hasSize(2);
    }

    @Test
    void followersInEveryChannelHearInThatChannelSignedByTheStaffMember() {
        TestChannelServer.start();
        try {
            String id = reportBy("channels@example.org", "en");
            work.follow(
                    "toronto.ca", id, FollowerChannel.SMS, "+1 (416) 555-0142", "en", null, new Actor("agent", "api"));
            work.follow(
                    "toronto.ca", id, FollowerChannel.X, "1861234567890123456", "en", null, new Actor("agent", "api"));
            work.follow(
                    "toronto.ca",
                    id,
                    FollowerChannel.FEDIVERSE,
                    "113456789012345678",
                    "fr",
                    "unlisted",
                    "lina@mastodon.example",
                    new Actor("agent", "api"));
            String longNote = "We inspected the bin this morning and the crew removed every tag from it. ".repeat(6);
            work.transition(
                    "toronto.ca",
                    id,
                    new Transition("completed", longNote, null, org.civic311.catalog.Resolution.FIXED),
                    new Actor("swm", "web"));
            await().atMost(Duration.ofSeconds(20)).until(() -> queued(id) == 4);
            outbox.sendDue();

            TestChannelServer.Call sms = TestChannelServer.calls(
                            "/2010-04-01/Accounts/AC00000000000000000000000000000311/Messages.json")
                    .getLast();
            assertThat(sms.authorization()).startsWith("Basic ");
            assertThat(java.net.URLDecoder.decode(sms.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("To=+14165550142")
                    .contains("From=+14165550311")
                    .as("the text says where the request now stands, since the note alone may not")
                    .contains("Update on request " + id + " (Completed): We inspected")
                    .as("the text links to the request's page, where the whole story is")
                    .contains("/requests/" + id + "?lang=en ")
                    .as("signed with his first name and initial: he has chosen no public name")
                    .contains("^Luis O.")
                    .doesNotContain("Ortega");

            TestChannelServer.Call x = TestChannelServer.calls("/2/tweets").getLast();
            assertThat(x.authorization()).isEqualTo("Bearer test-x-token");
            var post = tools.jackson.databind.json.JsonMapper.builder().build().readTree(x.body());
            assertThat(post.get("reply").get("in_reply_to_tweet_id").asString()).isEqualTo("1861234567890123456");
            String text = post.get("text").asString();
            assertThat(PostLength.X.of(text)).isLessThanOrEqualTo(280);
            // Cut short to fit, with the link to the whole explanation.
            assertThat(text)
                    .startsWith("Update on request " + id + " (Completed): ")
                    .contains("…")
                    .endsWith("/requests/" + id + "?lang=en ^Luis O.");

            TestChannelServer.Call mastodon =
                    TestChannelServer.calls("/api/v1/statuses").getLast();
            String form = java.net.URLDecoder.decode(mastodon.body(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(form).contains("in_reply_to_id=113456789012345678").contains("visibility=unlisted");
            assertThat(mastodon.idempotencyKey())
                    .as("a retry after a time-out Mastodon had in fact posted is not posted twice")
                    .startsWith("status:");
            assertThat(form)
                    .as("mentioning the resident, or Mastodon would never tell them")
                    .contains("status=@lina@mastodon.example Demande " + id + " (Terminée) :");
            assertThat(jdbc.sql(
                                    """
                                    select count(*) from notification n join service_request r on r.id = n.request_id
                                    where r.public_id = :id and n.sent_at is not null and n.external_id is not null""")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .as("each message sent is known by the id it went out with: the three posts and texts, and the"
                            + " two mails (the tracking number and the update) by their Message-ID")
                    .isEqualTo(5);
        } finally {
            TestChannelServer.stop();
        }
    }

    @Autowired
    org.civic311.conversations.Inbox inbox;

    org.civic311.conversations.IncomingMessage answer(String from, String inReplyTo) {
        return new org.civic311.conversations.IncomingMessage(
                null,
                org.civic311.conversations.ConversationChannel.EMAIL,
                "<" + java.util.UUID.randomUUID() + "@mail.example.org>",
                inReplyTo,
                inReplyTo,
                from,
                null,
                "Re: Update on your request",
                "They left the tags there again today.",
                java.time.Instant.now(),
                List.of(),
                null);
    }

    @Test
    void aResidentsAnswerToAnUpdateByEmailJoinsTheirConversationAboutThatRequest() {
        String resident = "rhea.update@example.org";
        String id = reportBy(resident, "en");
        // The resident had written to the inbox about it; an agent linked that conversation and closed it.
        long theirs = inbox.receive(answer(resident, "<" + java.util.UUID.randomUUID() + "@mail.example.org>"))
                .conversationId();
        inbox.linkRequest("toronto.ca", theirs, id, false);
        inbox.close("toronto.ca", theirs, "agent", null);

        close(id, "The tags were removed this morning.");
        awaitQueued(id);
        outbox.sendDue();
        String update = jdbc.sql(
                        """
                        select n.external_id from notification n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.idempotency_key like 'status:%'""")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(TestMailServer.to(resident))
                .as("the Message-ID the update went out with is the one recorded")
                .anySatisfy(mail -> {
                    assertThat(mail.getMessageID()).isEqualTo(update);
                    assertThat(mail.getReplyTo())
                            .as("answers go to the inbox's mailbox, whatever the sender")
                            .extracting(Object::toString)
                            .containsExactly("311 <311@toronto.example>");
                });

        long answered = inbox.receive(answer(resident, update)).conversationId();
        assertThat(answered).isEqualTo(theirs);
        var conversation = inbox.conversation("toronto.ca", answered);
        assertThat(conversation.requestPublicId()).isEqualTo(id);
        assertThat(conversation.status().name()).isEqualTo("OPEN");

        // Someone else answering with the same header writes about nothing of theirs.
        long stranger =
                inbox.receive(answer("someone.else@example.org", update)).conversationId();
        assertThat(stranger).isNotEqualTo(theirs);
        assertThat(inbox.conversation("toronto.ca", stranger).requestPublicId()).isNull();
    }

    @Test
    void aFollowerAddressMustFitItsChannel() {
        String id = reportBy("addresses@example.org", "en");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.follow(
                        "toronto.ca", id, FollowerChannel.SMS, "call me", "en", null, new Actor("agent", "api")))
                .hasMessage("address must be a phone number of 7 to 15 digits for SMS followers");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.follow(
                        "toronto.ca",
                        id,
                        FollowerChannel.FEDIVERSE,
                        "1134",
                        "en",
                        "everyone",
                        new Actor("agent", "api")))
                .hasMessage("visibility must be public, unlisted, private or direct");
    }

    /** The messages about a change, leaving out the acknowledgement of the report. */
    private static List<MimeMessage> updates(List<MimeMessage> messages) {
        return messages.stream()
                .filter(m -> {
                    try {
                        return !m.getSubject().startsWith("We received")
                                && !m.getSubject().startsWith("Nous avons reçu");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private int acknowledged(String publicId) {
        return jdbc.sql(
                        """
                        select count(*) from notification n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.idempotency_key like 'received:%'""")
                .param("id", publicId)
                .query(Integer.class)
                .single();
    }

    private void awaitQueued(String publicId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(publicId) > 0);
    }

    private int queued(String publicId) {
        return jdbc.sql(
                        """
                        select count(*) from notification n join service_request r on r.id = n.request_id
                        where r.public_id = :id and n.idempotency_key like 'status:%'""")
                .param("id", publicId)
                .query(Integer.class)
                .single();
    }

    private static String content(MimeMessage message) {
        return TestMailServer.plainText(message);
    }
}
