package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.Images;
import org.civic311.support.TestChannelServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A resident forgotten at their request takes their texted words and photos along; 311's replies stay. */
@Civic311Test
class ConversationErasureTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.civic311.media.MediaStore media;

    @BeforeAll
    static void providers() {
        TestChannelServer.start();
    }

    @Test
    void erasingAResidentDeletesTheWordsAndPhotosTheyTexted() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "MMerasure000000000000000000000001");
        form.put("AccountSid", "AC00000000000000000000000000000311");
        form.put("From", "+14165550166");
        form.put("To", "+14165550311");
        form.put("Body", "The streetlight outside 12 Birch Ave is out");
        form.put("NumMedia", "1");
        form.put("MediaContentType0", "image/jpeg");
        form.put("MediaUrl0", TestChannelServer.photo("erasure-leak.jpg", Images.jpegWithExif()));
        assertThat(new Http(port)
                        .header(
                                "X-Twilio-Signature",
                                Signatures.twilio(
                                        "test-auth-token", "http://localhost:" + port + "/webhooks/sms", form))
                        .postForm("/webhooks/sms", new ArrayList<>(form.entrySet()))
                        .status())
                .isEqualTo(200);
        String photo = jdbc.sql(
                        """
                        select p.path from conversation_media p join conversation_message m on m.id = p.message_id
                        where m.external_id = 'MMerasure000000000000000000000001'""")
                .query(String.class)
                .single();
        assertThat(media.find(photo)).isPresent();
        // An agent's answer, waiting in the outbox (the tests send it themselves), goes no more once they are erased.
        long conversation = jdbc.sql("select conversation_id from conversation_message where external_id = :sid")
                .param("sid", "MMerasure000000000000000000000001")
                .query(Long.class)
                .single();
        inbox.claim("toronto.ca", conversation, "agent");
        inbox.reply("toronto.ca", conversation, "agent", "Thanks, we will fix the light.", "^Sam R.");
        assertThat(waitingFor("4165550166")).isEqualTo(1);

        long message = jdbc.sql("select id from conversation_message where external_id = :sid")
                .param("sid", "MMerasure000000000000000000000001")
                .query(Long.class)
                .single();
        assertThat(new Http(port)
                        .as("admin", "civic311-demo")
                        .postJson("/api/v1/privacy/exports", "{\"address\":\"416 555 0166\"}")
                        .body())
                .as("their export names the photo they texted, and where it was taken")
                .contains(photo, "latitude");

        Http.Response erased = new Http(port)
                .as("admin", "civic311-demo")
                .postJson("/api/v1/privacy/erasures", "{\"address\":\"416 555 0166\"}");
        assertThat(waitingFor("4165550166"))
                .as("the reply waiting for them is gone")
                .isZero();

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(media.find(photo)).as("the photo's file is gone").isEmpty();
        assertThat(jdbc.sql("select text || ' ' || coalesce(external_id, 'without its id') from conversation_message"
                                + " where id = :id")
                        .param("id", message)
                        .query(String.class)
                        .single())
                .isEqualTo("(erased) without its id");
        assertThat(jdbc.sql("select count(*) from conversation where resident like '%4165550166%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Autowired
    Inbox inbox;

    private int waitingFor(String digits) {
        return jdbc.sql("select count(*) from notification where sent_at is null and recipient like :r")
                .param("r", "%" + digits)
                .query(Integer.class)
                .single();
    }

    @Test
    void aResidentWhoWroteOnXIsFoundAndErasedByTheirAccount() {
        long id = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.X,
                        "1869000000000000777",
                        "1869000000000000777",
                        null,
                        "Lakeshore_Lena",
                        "Lena",
                        null,
                        "@City311 the streetlight outside 8 Birch Ave is out again",
                        java.time.Instant.now(),
                        java.util.List.of(),
                        null))
                .conversationId();
        Http admin = new Http(port).as("admin", "civic311-demo");
        assertThat(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"x:lakeshore_lena\"}")
                        .body())
                .contains("streetlight outside 8 Birch Ave");

        Http.Response erased = admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"@Lakeshore_Lena\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(jdbc.sql("select text from conversation_message where conversation_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .containsOnly("(erased)");
        assertThat(admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"x:not a handle\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void erasingAResidentOnMastodonDropsTheAgentsReplyWaitingToGoOutAndWhatNamesThemInThoseSent() {
        String account = "lena.birch" + System.nanoTime() % 100000 + "@mastodon.social";
        long id = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.FEDIVERSE,
                        "1133" + System.nanoTime(),
                        "1133" + System.nanoTime(),
                        null,
                        account,
                        "Lena",
                        null,
                        "@city311 the streetlight outside 10 Birch Ave is out",
                        java.time.Instant.now(),
                        java.util.List.of(),
                        "public"))
                .conversationId();
        inbox.claim("toronto.ca", id, "agent");
        inbox.reply("toronto.ca", id, "agent", "Thanks, a crew will look at it this week.", "^Sam R.");
        assertThat(jdbc.sql(
                                """
                                select count(*) from notification n join conversation_message m
                                  on m.outbox_key = n.idempotency_key
                                where m.conversation_id = :id and n.body_text like '%' || :account || '%'""")
                        .param("id", id)
                        .param("account", account)
                        .query(Integer.class)
                        .single())
                .as("the reply, addressed to her post, names her")
                .isEqualTo(1);

        Http admin = new Http(port).as("admin", "civic311-demo");
        var export = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"" + account + "\"}")
                        .body());
        assertThat(export.get("records").get("messages sent").values())
                .as("the reply addressed to her post is among the messages sent to her")
                .anySatisfy(sent ->
                        assertThat(sent.get("body_text").asString()).contains("a crew will look at it this week"));
        assertThat(admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"" + account + "\"}")
                        .status())
                .isEqualTo(200);

        assertThat(jdbc.sql(
                                """
                                select count(*) from notification n join conversation_message m
                                  on m.outbox_key = n.idempotency_key
                                where m.conversation_id = :id and (n.sent_at is null or n.body_text <> '(erased)')""")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .as("not posted after she asked to be forgotten, nor kept as it went out")
                .isZero();
        assertThat(jdbc.sql(
                                """
                                select count(*) from conversation_message where conversation_id = :id
                                  and (text like '%' || :account || '%' or masked_text like '%' || :account || '%'
                                       or external_id is not null)""")
                        .param("id", id)
                        .param("account", account)
                        .query(Integer.class)
                        .single())
                .as("the conversation names her nowhere, nor keeps the ids of the posts")
                .isZero();
    }

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Autowired
    org.civic311.requests.RequestWork work;

    @Test
    void aResidentOnXOrMastodonIsErasedFromTheRequestsTheyReportedAndFollowThroughTheirPosts() {
        String reported = requests.submit(new org.civic311.requests.NewServiceRequest(
                        null,
                        "CSROWR-12",
                        new org.civic311.requests.Location(43.6545, -79.3805, "20 Dundas Sq", null, null),
                        "Pothole by the square, said lena@mastodon.social",
                        Map.of(
                                "POTHOLE_SIZE",
                                java.util.List.of("LARGE"),
                                "LOCATION_ON_ROAD",
                                java.util.List.of("CURB_LANE")),
                        java.util.List.of(),
                        java.util.List.of(),
                        new org.civic311.requests.Reporter(null, null, null, null, null, "lena@mastodon.social"),
                        org.civic311.requests.Channel.SOCIAL,
                        null))
                .publicId();
        // Filed from her post on X, the request is followed through the post: updates are replies to it.
        work.follow(
                "toronto.ca",
                reported,
                org.civic311.requests.FollowerChannel.X,
                "1869000000000000888",
                "en",
                null,
                "Lakeshore_Lena",
                new org.civic311.requests.Actor("agent", "inbox"));
        // An update to her, waiting in the outbox to be retried: a reply addressed to her post, not to her.
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, request_id, channel, recipient, language, subject,
                            body_text, created_at, next_attempt_at)
                        select 'erasure-test:' || id, id, 'X', '1869000000000000888', 'en', '', 'Update on your report',
                            now(), now() + interval '1 hour'
                        from service_request where public_id = :id""")
                .param("id", reported)
                .update();
        Http admin = new Http(port).as("admin", "civic311-demo");
        assertThat(admin.postJson("/api/v1/privacy/exports", "{\"address\":\"x:lakeshore_lena\"}")
                        .body())
                .contains("\"follows\"")
                .contains(reported);

        assertThat(admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"@Lakeshore_Lena\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.postJson("/api/v1/privacy/erasures", "{\"address\":\"lena@mastodon.social\"}")
                        .status())
                .isEqualTo(200);

        assertThat(jdbc.sql(
                                """
                                select count(*) from request_follower f join service_request s on s.id = f.request_id
                                where s.public_id = :id and f.channel = 'X'""")
                        .param("id", reported)
                        .query(Integer.class)
                        .single())
                .as("no more replies to her post")
                .isZero();
        assertThat(jdbc.sql("select count(*) from notification where recipient = '1869000000000000888'")
                        .query(Integer.class)
                        .single())
                .as("nor the reply that was waiting to go out")
                .isZero();
        assertThat(jdbc.sql(
                                """
                                select count(*) from request_reporter r join service_request s on s.id = r.request_id
                                where s.public_id = :id and r.account_id is not null""")
                        .param("id", reported)
                        .query(Integer.class)
                        .single())
                .as("the Mastodon account that reported it is gone")
                .isZero();
        assertThat(jdbc.sql("select description from service_request where public_id = :id")
                        .param("id", reported)
                        .query(String.class)
                        .single())
                .isEqualTo("Pothole by the square, said [email address]");
    }
}
