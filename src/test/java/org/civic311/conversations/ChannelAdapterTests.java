package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Images;
import org.civic311.support.Reports;
import org.civic311.support.TestChannelServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each channel adapter against payloads shaped as its provider documents them, over real HTTP (the providers' media
 * and APIs stood in for by a local server) and a real IMAP server: signatures, redelivery, photos, threading.
 */
@Civic311Test
class ChannelAdapterTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static GreenMail mailbox;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    @Autowired
    MastodonPoller mastodon;

    @Autowired
    EmailPoller email;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void providers() {
        TestChannelServer.start();
        mailbox = new GreenMail(new ServerSetup(3143, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        mailbox.setUser("311@demo.civic311.org", "311@demo.civic311.org", "mailbox-password");
    }

    @AfterAll
    static void stop() {
        mailbox.stop();
    }

    HttpResponse<String> postX(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/x"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("x-twitter-webhooks-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String mention(String id, String text, String... photoUrls) {
        String media = java.util.Arrays.stream(photoUrls)
                .map(url -> "{\"type\":\"photo\",\"media_url_https\":\"" + url + "\"}")
                .collect(Collectors.joining(","));
        return """
                {"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Wed Nov 18 23:05:12 +0000 2026",
                 "id_str":"%s","text":"%s","in_reply_to_status_id_str":null,
                 "user":{"id_str":"178900123","name":"Ravi Patel","screen_name":"ravi_on_elm"},
                 "extended_entities":{"media":[%s]}},
                 {"created_at":"Wed Nov 18 23:06:00 +0000 2026","id_str":"99%s","text":"Thanks for writing",
                 "user":{"id_str":"2244994945","name":"City 311","screen_name":"City311"}}]}"""
                .formatted(id, text, media, id);
    }

    int messages(String externalId) {
        return jdbc.sql("select count(*) from conversation_message where external_id = :e")
                .param("e", externalId)
                .query(Integer.class)
                .single();
    }

    @Test
    void xsChallengeIsAnsweredWithTheHmacOfItsToken() throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/x?crc_token=challenge-42"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("response_token").asString())
                .isEqualTo(Signatures.x("test-consumer-secret", "challenge-42".getBytes(StandardCharsets.UTF_8)));

        // Signed with the key that signs deliveries, a challenge must never sign what could be one.
        String forged = "{\"for_user_id\":\"1\",\"tweet_create_events\":[]}";
        var refused = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/x?crc_token="
                                + java.net.URLEncoder.encode(forged, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("response_token");
    }

    @Test
    void aMentionArrivesOnceWithItsPhotosHowEverOftenItIsDeliveredAndTheCitysOwnPostsAreIgnored() throws Exception {
        String first = TestChannelServer.photo("x-bins-1.jpg", Images.jpegWithExif());
        String second = TestChannelServer.photo("x-bins-2.png", Images.png(40, 30));
        String body = mention("1861000000000000001", "@City311 bins knocked over again at 30 Elm Ave", first, second);
        String signature = Signatures.x("test-consumer-secret", body.getBytes(StandardCharsets.UTF_8));

        assertThat(postX(body, signature).statusCode()).isEqualTo(200);
        assertThat(postX(body, signature).statusCode()).isEqualTo(200);

        assertThat(messages("1861000000000000001")).isEqualTo(1);
        assertThat(messages("991861000000000000001")).isZero();
        long conversation = jdbc.sql("select conversation_id from conversation_message where external_id = :e")
                .param("e", "1861000000000000001")
                .query(Long.class)
                .single();
        Conversation seen = inbox.conversation("toronto.ca", conversation);
        assertThat(seen.resident()).isEqualTo("ravi_on_elm");
        assertThat(seen.messages().getFirst().photos()).hasSize(2);
        // The resident's photo is served to signed-in staff alone; its EXIF is read for staff, and gone from the copy.
        String photo = seen.messages().getFirst().photos().getFirst().path();
        assertThat(photo).startsWith("/staff/media/");
        assertThat(new Http(port).get(photo).status()).isNotEqualTo(200);
        Http desk = Http.browser(port);
        desk.signIn("agent", "civic311-demo", null);
        Http.Response served = desk.get(photo);
        assertThat(served.status()).isEqualTo(200);
        assertThat(new String(served.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(Images.EXIF_MARKER);
        assertThat(seen.messages().getFirst().triage().address().text()).isEqualTo("30 Elm Ave");
    }

    @Test
    void aPhotoTheProviderDoesNotGiveIsCountedSoTheAgentAsksForItAgain() throws Exception {
        String kept = TestChannelServer.photo("x-pothole-1.jpg", Images.jpegWithExif());
        String gone = "http://127.0.0.1:" + TestChannelServer.PORT + "/media/never-served.jpg";
        String body = mention("1861000000000000077", "@City311 pothole on Bloor, two photos", kept, gone);

        assertThat(postX(body, Signatures.x("test-consumer-secret", body.getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(200);

        long conversation = jdbc.sql("select conversation_id from conversation_message where external_id = :e")
                .param("e", "1861000000000000077")
                .query(Long.class)
                .single();
        ConversationMessage message =
                inbox.conversation("toronto.ca", conversation).messages().getFirst();
        assertThat(message.photos()).hasSize(1);
        assertThat(message.photosMissing()).isEqualTo(1);
        Http desk = Http.browser(port);
        desk.signIn("agent", "civic311-demo", null);
        assertThat(desk.get("/staff/inbox/" + conversation).body()).contains("A photo or file they sent is not here");
    }

    @Test
    void aForgedOrUnsignedXDeliveryIsRefusedAndKeepsNothing() throws Exception {
        String body = mention("1861000000000000002", "forged");
        assertThat(postX(body, null).statusCode()).isEqualTo(401);
        assertThat(postX(body, "sha256=bm90IHRoZSByaWdodCBzaWduYXR1cmU=").statusCode())
                .isEqualTo(401);
        assertThat(messages("1861000000000000002")).isZero();
    }

    @Test
    void twiliosSignatureIsComputedAsTwilioDocumentsIt() {
        // The example of Twilio's "Webhooks security" documentation.
        Map<String, String> parameters = Map.of(
                "CallSid", "CA1234567890ABCDE",
                "Caller", "+12349013030",
                "Digits", "1234",
                "From", "+12349013030",
                "To", "+18005551212");
        assertThat(Signatures.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters))
                .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    HttpResponse<String> postSms(Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTextedStopEndsEveryFollowOfTheNumberAndIsNoMessageForAgents() throws Exception {
        String first = followedByText("416-555-0187");
        String second = followedByText("(416) 555 0187");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM00000000000000000000000000stop1");
        form.put("AccountSid", "AC00000000000000000000000000000311");
        form.put("From", "+14165550187");
        form.put("To", "+14165550311");
        form.put("Body", "Stop");
        String signature = Signatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form);

        assertThat(postSms(form, signature).statusCode()).isEqualTo(200);

        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower f join service_request r on r.id = f.request_id
                                where r.public_id in (:ids) and f.channel = 'SMS'""")
                        .param("ids", List.of(first, second))
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(messages("SM00000000000000000000000000stop1")).isZero();

        // Nothing more is texted to the number, not even a confirmation, until it texts START.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> work.requestToFollow("toronto.ca", first, "416 555 0187", "en"))
                .hasMessageContaining("STOP");
        // Nor by staff adding the number, nor by an agent's reply to something the number texted after.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.follow(
                        "toronto.ca",
                        first,
                        org.civic311.requests.FollowerChannel.SMS,
                        "+14165550187",
                        "en",
                        null,
                        new org.civic311.requests.Actor("agent", "api")))
                .hasMessageContaining("STOP");
        long asked = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.SMS,
                        "SM00000000000000000000000000after",
                        "+14165550187",
                        null,
                        "+14165550187",
                        null,
                        null,
                        "Is the pool open?",
                        java.time.Instant.now(),
                        List.of(),
                        null))
                .conversationId();
        inbox.claim("toronto.ca", asked, "agent");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> inbox.reply("toronto.ca", asked, "agent", "Yes, until 8 pm.", "^Sam R."))
                .hasMessageContaining("texted STOP");
        form.put("MessageSid", "SM00000000000000000000000000start");
        form.put("Body", "START");
        assertThat(postSms(
                                form,
                                Signatures.twilio(
                                        "test-auth-token", "http://localhost:" + port + "/webhooks/sms", form))
                        .statusCode())
                .isEqualTo(200);
        assertThat(work.requestToFollow("toronto.ca", first, "416 555 0187", "en"))
                .isEqualTo(org.civic311.requests.FollowerChannel.SMS);
        // A number that only ends with the same seven digits is another person's.
        work.follow(
                "toronto.ca",
                second,
                org.civic311.requests.FollowerChannel.SMS,
                "555-0187",
                "en",
                null,
                new org.civic311.requests.Actor("agent1", "console"));
        form.put("MessageSid", "SM00000000000000000000000000stop2");
        form.put("From", "+14165550187");
        form.put("Body", "stop");
        postSms(form, Signatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form));
        assertThat(work
                        .followers(jdbc.sql("select id from service_request where public_id = :id")
                                .param("id", second)
                                .query(Long.class)
                                .single())
                        .stream()
                        .map(f -> f.address()))
                .containsExactly("5550187");

        // YES, which Twilio takes for a START from a stopped number, is one here too; from any other it is an answer.
        form.put("MessageSid", "SM00000000000000000000000000yes01");
        form.put("Body", "Yes");
        postSms(form, Signatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form));
        assertThat(messages("SM00000000000000000000000000yes01")).isZero();
        assertThat(work.requestToFollow("toronto.ca", first, "416 555 0187", "en"))
                .isEqualTo(org.civic311.requests.FollowerChannel.SMS);
        form.put("MessageSid", "SM00000000000000000000000000yes02");
        postSms(form, Signatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form));
        assertThat(messages("SM00000000000000000000000000yes02"))
                .as("an answer to an agent")
                .isEqualTo(1);
    }

    @Test
    void mailKeepsEveryPartOfItsTextAndCountsWhatWasNotKept() throws Exception {
        MimeMessage relayed = new MimeMessage(Session.getInstance(new Properties()));
        relayed.setFrom(new InternetAddress("hana.sato@example.org", "Hana Sato"));
        relayed.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        relayed.setSubject("Fallen branch on Christie St");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart before = new MimeBodyPart();
        before.setText("A large branch fell across the sidewalk on Christie St.", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(Images.png(32, 24), "image/png");
        photo.setFileName("branch.png");
        MimeBodyPart after = new MimeBodyPart();
        after.setText("It is in front of the school, so please hurry.", "UTF-8");
        MimeBodyPart document = new MimeBodyPart();
        document.setContent(new byte[] {'%', 'P', 'D', 'F', '-', '1'}, "application/pdf");
        document.setFileName("map.pdf");
        parts.addBodyPart(before);
        parts.addBodyPart(photo);
        parts.addBodyPart(after);
        parts.addBodyPart(document);
        relayed.setContent(parts);
        relayed.saveChanges();
        relayed.setHeader("Message-ID", "<christie-branch@forms.example.net>");
        mailbox.getUserManager().getUser("311@demo.civic311.org").deliver(relayed);

        assertThat(email.poll()).isEqualTo(1);

        long conversation = jdbc.sql("select conversation_id from conversation_message where external_id = :e")
                .param("e", "<christie-branch@forms.example.net>")
                .query(Long.class)
                .single();
        Conversation thread = inbox.conversation("toronto.ca", conversation);
        ConversationMessage message = thread.messages().getFirst();
        assertThat(message.text()).contains("fell across the sidewalk", "in front of the school");
        assertThat(message.photos()).hasSize(1);
        assertThat(message.photosMissing()).as("the PDF").isEqualTo(1);
    }

    @Test
    void anXPostIsReadAsWrittenAndAVideoItCarriesIsCounted() throws Exception {
        String body =
                """
                {"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Wed Nov 18 23:05:12 +0000 2026",
                 "id_str":"1861000000000000091","text":"@City311 Bins &amp; recycling left at Elm &lt;again&gt;",
                 "in_reply_to_status_id_str":null,
                 "user":{"id_str":"178900199","name":"Tess Moreau","screen_name":"tess_on_elm"},
                 "extended_entities":{"media":[{"type":"video","media_url_https":"https://pbs.twimg.com/v.jpg"}]}}]}""";

        assertThat(postX(body, Signatures.x("test-consumer-secret", body.getBytes(StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(200);

        long conversation = jdbc.sql("select conversation_id from conversation_message where external_id = :e")
                .param("e", "1861000000000000091")
                .query(Long.class)
                .single();
        ConversationMessage message =
                inbox.conversation("toronto.ca", conversation).messages().getFirst();
        assertThat(message.text()).isEqualTo("@City311 Bins & recycling left at Elm <again>");
        assertThat(message.photosMissing()).isEqualTo(1);
    }

    @Test
    void aStopWordTheProviderDoesNotKnowIsConfirmedByTheCityInFrench() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM0000000000000000000000000arret1");
        form.put("AccountSid", "AC00000000000000000000000000000311");
        form.put("From", "+14165550194");
        form.put("To", "+14165550311");
        form.put("Body", "Arrêt");
        HttpResponse<String> arret =
                postSms(form, Signatures.twilio("test-auth-token", "http://localhost:" + port + "/webhooks/sms", form));
        assertThat(arret.body()).contains("<Message>Ville 311 : vous ne recevrez plus de textos");
        assertThat(work.textMessagesStopped("+14165550194")).isTrue();

        form.put("MessageSid", "SM0000000000000000000000000stop94");
        form.put("Body", "STOP");
        assertThat(postSms(
                                form,
                                Signatures.twilio(
                                        "test-auth-token", "http://localhost:" + port + "/webhooks/sms", form))
                        .body())
                .as("Twilio answers its own stop words")
                .doesNotContain("<Message>");
    }

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Autowired
    org.civic311.requests.RequestWork work;

    String followedByText(String number) {
        String id = Reports.binTagged(requests, "Tags on the bin again");
        work.follow(
                "toronto.ca",
                id,
                org.civic311.requests.FollowerChannel.SMS,
                number,
                "en",
                null,
                new org.civic311.requests.Actor("agent1", "console"));
        return id;
    }

    @Test
    void anMmsArrivesSignedWithItsPhotoAndAForgedOneIsRefused() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "MM5ef8732a3c49700934481addd5ce1659");
        form.put("AccountSid", "AC00000000000000000000000000000311");
        form.put("From", "+14165550142");
        form.put("To", "+14165550311");
        form.put("Body", "Streetlight out in front of 1130 Queen St E since Monday");
        form.put("NumMedia", "1");
        form.put("MediaContentType0", "image/jpeg");
        form.put("MediaUrl0", TestChannelServer.photo("mms-light.jpg", Images.jpegWithExif()));
        String url = "http://localhost:" + port + "/webhooks/sms";
        String signature = Signatures.twilio("test-auth-token", url, form);

        HttpResponse<String> accepted = postSms(form, signature);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("<Response>");
        assertThat(postSms(form, signature).statusCode()).isEqualTo(200);
        assertThat(messages("MM5ef8732a3c49700934481addd5ce1659")).isEqualTo(1);
        // The photo was fetched with the account's credentials, as Twilio requires for media.
        assertThat(TestChannelServer.calls("/media/mms-light.jpg").getLast().authorization())
                .startsWith("Basic ");

        form.put("Body", "changed on the way");
        assertThat(postSms(form, signature).statusCode()).isEqualTo(401);
        form.put("MessageSid", "MM0000000000000000000000000000forged");
        assertThat(postSms(form, null).statusCode()).isEqualTo(401);
        assertThat(messages("MM0000000000000000000000000000forged")).isZero();
    }

    @Test
    void mastodonMentionsArePolledOnceWithTheirVisibilityAndTextWithoutMarkup() throws Exception {
        TestChannelServer.mastodonNotifications(
                """
                [{"id":"9001","type":"mention","created_at":"2026-11-18T22:10:00.000Z",
                  "account":{"id":"77","acct":"mo@mastodon.example","display_name":"Mo"},
                  "status":{"id":"113500000000000001","created_at":"2026-11-18T22:10:00.000Z",
                    "in_reply_to_id":null,"visibility":"unlisted",
                    "content":"<p><span class=\\"h-card\\"><a href=\\"https://mastodon.example/@City311\\">@<span>City311</span></a></span> the &quot;park&quot; bench at Trinity Bellwoods is broken<br>please fix</p>",
                    "account":{"id":"77","acct":"mo@mastodon.example","display_name":"Mo"},
                    "media_attachments":[]}}]""");
        assertThat(mastodon.poll()).isEqualTo(1);
        assertThat(mastodon.poll()).isZero();

        String text = jdbc.sql("select text from conversation_message where external_id = '113500000000000001'")
                .query(String.class)
                .single();
        assertThat(text).isEqualTo("@City311 the \"park\" bench at Trinity Bellwoods is broken\nplease fix");
        assertThat(jdbc.sql("select visibility from conversation where thread_key = '113500000000000001'")
                        .query(String.class)
                        .single())
                .isEqualTo("unlisted");
        assertThat(TestChannelServer.calls("/api/v1/notifications").getLast().authorization())
                .isEqualTo("Bearer test-mastodon-token");
    }

    @Test
    void emailIsReadByImapThreadedByItsHeadersAndKeepsItsImageAttachment() throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage first = new MimeMessage(session);
        first.setFrom(new InternetAddress("camille@example.org", "Camille Roy"));
        first.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        first.setSubject("Graffiti on the underpass");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("There is new graffiti on the Dundas underpass, photo attached.", "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(Images.png(32, 24), "image/png");
        photo.setFileName("graffiti.png");
        parts.addBodyPart(text);
        parts.addBodyPart(photo);
        first.setContent(parts);
        first.saveChanges();
        first.setHeader("Message-ID", "<first-graffiti@example.org>");
        mailbox.getUserManager().getUser("311@demo.civic311.org").deliver(first);

        MimeMessage again = new MimeMessage(session);
        again.setFrom(new InternetAddress("camille@example.org"));
        again.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        again.setSubject("Re: Graffiti on the underpass");
        again.setText("It is on both walls, by the way.", "UTF-8");
        again.saveChanges();
        again.setHeader("Message-ID", "<second-graffiti@example.org>");
        again.setHeader("In-Reply-To", "<first-graffiti@example.org>");
        again.setHeader("References", "<first-graffiti@example.org>");
        mailbox.getUserManager().getUser("311@demo.civic311.org").deliver(again);

        assertThat(email.poll()).isEqualTo(2);
        assertThat(email.poll()).isZero();

        long conversation = jdbc.sql(
                        "select conversation_id from conversation_message where external_id = '<first-graffiti@example.org>'")
                .query(Long.class)
                .single();
        Conversation thread = inbox.conversation("toronto.ca", conversation);
        assertThat(thread.messages()).hasSize(2);
        assertThat(thread.subject()).isEqualTo("Graffiti on the underpass");
        assertThat(thread.residentName()).isEqualTo("Camille Roy");
        assertThat(thread.messages().getFirst().photos()).hasSize(1);
        assertThat(thread.messages().get(1).text()).isEqualTo("It is on both walls, by the way.");
    }

    @Autowired
    InboxProperties inboxProperties;

    @Autowired
    java.time.Clock clock;

    @Autowired
    org.civic311.common.PeriodClaims claims;

    @Autowired
    org.civic311.notifications.Replies replies;

    @Test
    void mailThatCouldNotBeTakenInStaysUnreadInTheMailboxAndIsTakenInNextTime() throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("odile@example.org", "Odile Marchand"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        mail.setSubject("Streetlight out on Palmerston");
        mail.setText("The streetlight in front of 214 Palmerston Ave has been out for a week.", "UTF-8");
        mail.saveChanges();
        mail.setHeader("Message-ID", "<palmerston-light@example.org>");
        mailbox.getUserManager().getUser("311@demo.civic311.org").deliver(mail);
        // Read, as taking it in reads it, and then the database fails.
        EmailPoller failing = new EmailPoller(inbox, inboxProperties, clock, claims, replies) {
            @Override
            boolean receive(jakarta.mail.Message message, String jurisdiction) throws MessagingException {
                try {
                    message.getContent();
                } catch (java.io.IOException e) {
                    throw new MessagingException(e.getMessage());
                }
                throw new IllegalStateException("the database is down");
            }
        };

        assertThat(failing.poll()).isZero();

        assertThat(email.poll()).as("still unread, so read again").isEqualTo(1);
        assertThat(messages("<palmerston-light@example.org>")).isEqualTo(1);
    }

    @Autowired
    SmtpEndpoint smtp;

    @Test
    void mailForwardedOverSmtpIsTakenInAndMailForOthersIsRefused() throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(smtp.port()));
        Session session = Session.getInstance(settings);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("jo@example.org", "Jo Tremblay"));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        message.setSubject("Fallen tree on Christie");
        message.setText("A tree fell across the path in Christie Pits.\n.\nIt blocks the whole path.", "UTF-8");
        jakarta.mail.Transport.send(message);
        String stored = jdbc.sql(
                        """
                        select m.text from conversation_message m join conversation c on c.id = m.conversation_id
                        where c.subject = 'Fallen tree on Christie' and c.resident = 'jo@example.org'""")
                .query(String.class)
                .single();
        // A line holding a single dot survives the SMTP dot-stuffing.
        assertThat(stored).isEqualTo("A tree fell across the path in Christie Pits.\n.\nIt blocks the whole path.");

        MimeMessage elsewhere = new MimeMessage(session);
        elsewhere.setFrom(new InternetAddress("jo@example.org"));
        elsewhere.setRecipients(jakarta.mail.Message.RecipientType.TO, "mayor@demo.civic311.org");
        elsewhere.setSubject("Hello");
        elsewhere.setText("Not for 311.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jakarta.mail.Transport.send(elsewhere))
                .isInstanceOf(jakarta.mail.SendFailedException.class);
    }

    /** Speaks SMTP by hand, line by line, returning the server's answers. */
    List<String> smtpSession(String... lines) throws Exception {
        List<String> answers = new java.util.ArrayList<>();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", smtp.port())) {
            var in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            answers.add(in.readLine());
            for (String line : lines) {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (line.startsWith("From:")
                        || line.startsWith("Subject:")
                        || line.isEmpty()
                        || line.startsWith("Message-ID")
                        || line.startsWith("body")) {
                    continue; // inside DATA: no answer until the final dot
                }
                answers.add(in.readLine());
            }
        }
        return answers;
    }

    @Test
    void smtpServesAtMostTwentyConnectionsAtOnceAndTellsTheNextToComeBack() throws Exception {
        List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", smtp.port());
                open.add(socket);
                assertThat(greeting(socket)).startsWith("220");
            }
            try (java.net.Socket next = new java.net.Socket("127.0.0.1", smtp.port())) {
                assertThat(greeting(next)).startsWith("421");
            }
        } finally {
            for (java.net.Socket socket : open) {
                socket.close();
            }
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(smtpSession("QUIT").getFirst()).startsWith("220"));
    }

    private static String greeting(java.net.Socket socket) throws Exception {
        return new java.io.BufferedReader(
                        new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
    }

    @Test
    void smtpKeepsNothingOfAMessageCutShortOrWithoutASender() throws Exception {
        List<String> cut = smtpSession(
                "HELO relay.example",
                "MAIL FROM:<jo@example.org>",
                "RCPT TO:<311@demo.civic311.org>",
                "DATA",
                "From: jo@example.org",
                "Subject: Cut short",
                "Message-ID: <cut-short@example.org>",
                "",
                "body that never ends");
        assertThat(cut.get(4)).startsWith("354");
        assertThat(jdbc.sql("select count(*) from conversation where subject = 'Cut short'")
                        .query(Integer.class)
                        .single())
                .isZero();

        List<String> anonymous = smtpSession(
                "HELO relay.example",
                "MAIL FROM:<>",
                "RCPT TO:<311@demo.civic311.org>",
                "DATA",
                "Subject: Nobody",
                "",
                "body without a From header",
                ".",
                "QUIT");
        assertThat(anonymous.get(5)).startsWith("550");
        assertThat(smtpSession("HELO relay.example", "RCPT TO:<311@demo.civic311.org>")
                        .get(2))
                .startsWith("503");
    }

    @Test
    void twiliosSignatureCoversAWebhookAddressWithItsOwnQuery() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM0000000000000000000000000000query");
        form.put("From", "+14165550123");
        form.put("To", "+14165550311");
        form.put("Body", "Is the Wychwood market on this Saturday?");
        form.put("NumMedia", "0");
        String url = "http://localhost:" + port + "/webhooks/sms?city=toronto";
        String signature = Signatures.twilio("test-auth-token", url, form);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(messages("SM0000000000000000000000000000query")).isEqualTo(1);
    }
}
