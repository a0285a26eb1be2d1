package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.civic311.support.Civic311ClockTest;
import org.civic311.support.TestChannelServer;
import org.civic311.support.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Replies to residents go out through each provider's API in the thread they answer, once. */
@Civic311ClockTest
class RepliesTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Replies replies;

    @Autowired
    Outbox outbox;

    @BeforeAll
    static void providers() {
        TestChannelServer.start();
        TestMailServer.start();
    }

    @AfterAll
    static void stop() {
        TestMailServer.stop();
    }

    @Test
    void eachReplyGoesOutInItsThreadOnceWithTheProvidersIdKept() throws Exception {
        replies.queue(
                "reply-x", Replies.Channel.X, "1864000000000000001", "On X ^Sam R.", null, null, null, "en", List.of());
        replies.queue(
                "reply-x", Replies.Channel.X, "1864000000000000001", "On X ^Sam R.", null, null, null, "en", List.of());
        replies.queue(
                "reply-dm",
                Replies.Channel.X,
                "dm:178900123",
                "In private ^Sam R.",
                null,
                "direct",
                null,
                "en",
                List.of());
        replies.queue(
                "reply-toot",
                Replies.Channel.FEDIVERSE,
                "113700000000000001",
                "@mo@mastodon.example Hi ^Sam R.",
                null,
                "unlisted",
                null,
                "en",
                List.of());
        replies.queue(
                "reply-mail",
                Replies.Channel.EMAIL,
                "camille@example.org",
                "We have filed it.\n\nSam R.",
                "Re: Graffiti on the underpass",
                null,
                "<first-graffiti@example.org>",
                "en",
                List.of());
        int tweets = TestChannelServer.calls("/2/tweets").size();

        outbox.sendDue();
        outbox.sendDue();

        List<TestChannelServer.Call> posted = TestChannelServer.calls("/2/tweets");
        assertThat(posted).hasSize(tweets + 1);
        var post = JSON.readTree(posted.getLast().body());
        assertThat(post.get("reply").get("in_reply_to_tweet_id").asString()).isEqualTo("1864000000000000001");
        assertThat(post.get("text").asString()).isEqualTo("On X ^Sam R.");
        assertThat(replies.delivery("reply-x").orElseThrow().externalId()).isNotBlank();

        var dm = TestChannelServer.calls("/2/dm_conversations/with/178900123/messages");
        assertThat(dm).hasSize(1);
        assertThat(JSON.readTree(dm.getFirst().body()).get("text").asString()).isEqualTo("In private ^Sam R.");

        String toot = java.net.URLDecoder.decode(
                TestChannelServer.calls("/api/v1/statuses").getLast().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(toot).contains("in_reply_to_id=113700000000000001").contains("visibility=unlisted");

        MimeMessage mail = TestMailServer.to("camille@example.org").getLast();
        assertThat(mail.getSubject()).isEqualTo("Re: Graffiti on the underpass");
        assertThat(mail.getHeader("In-Reply-To")[0]).isEqualTo("<first-graffiti@example.org>");
        assertThat(mail.getMessageID()).isEqualTo(Replies.emailMessageId("reply-mail"));
        // A resident answering the reply is found again by the reply's id.
        String sentId = replies.delivery("reply-x").orElseThrow().externalId();
        assertThat(replies.keyOfSent(Replies.Channel.X, sentId)).contains("reply-x");
    }

    @Test
    void smsIsCountedInSegmentsOfTheGsmAlphabetOrOfUcs2() {
        assertThat(SmsSegments.of("")).isZero();
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307))).isEqualTo(3);
        // The euro sign takes two septets; one character outside the alphabet makes it all UCS-2.
        assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.of("€".repeat(81))).isEqualTo(2);
        assertThat(SmsSegments.of("Rue Saint-Laurent, ça déborde")).isEqualTo(1);
        assertThat(SmsSegments.of("ç".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.of("ç".repeat(71))).isEqualTo(2);
        assertThat(Replies.length(Replies.Channel.SMS, "a".repeat(612)).fits()).isTrue();
        assertThat(Replies.length(Replies.Channel.SMS, "a".repeat(613)).fits()).isFalse();
    }

    @Autowired
    org.civic311.media.MediaStore media;

    @Test
    void aReplysPhotosAreUploadedFirstAndAttachedByTheirIds() throws Exception {
        String photo =
                media.store("photo", org.civic311.support.Images.png(48, 32)).path();
        replies.queue(
                "reply-x-photo",
                Replies.Channel.X,
                "1864000000000000009",
                "Fixed ^Sam R.",
                null,
                null,
                null,
                "en",
                List.of(photo));
        replies.queue(
                "reply-toot-photo",
                Replies.Channel.FEDIVERSE,
                "113700000000000009",
                "@mo@mastodon.example Fixed ^Sam R.",
                null,
                "public",
                null,
                "en",
                List.of(photo));
        replies.queue(
                "reply-mms-photo",
                Replies.Channel.SMS,
                "+14165550142",
                "Fixed ^Sam R.",
                null,
                null,
                null,
                "en",
                List.of(photo));
        outbox.sendDue();

        var upload = TestChannelServer.calls("/2/media/upload").getLast();
        assertThat(upload.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(upload.body()).contains("name=\"media_category\"").contains("tweet_image");
        var post = JSON.readTree(TestChannelServer.calls("/2/tweets").getLast().body());
        assertThat(post.get("media").get("media_ids").get(0).asString()).startsWith("71");

        assertThat(TestChannelServer.calls("/api/v2/media")).isNotEmpty();
        assertThat(TestChannelServer.calls("/api/v1/statuses").getLast().body()).contains("media_ids%5B%5D=72");

        String mms = java.net.URLDecoder.decode(
                TestChannelServer.calls("/2010-04-01/Accounts/AC00000000000000000000000000000311/Messages.json")
                        .getLast()
                        .body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(mms).contains("MediaUrl=http://localhost:8080" + photo);
    }
}
