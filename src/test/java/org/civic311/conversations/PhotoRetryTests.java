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

/** A photo the provider's media host could not give at the time joins its message when it can; a refusal does not. */
@Civic311Test
class PhotoRetryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PhotoRetries retries;

    @BeforeAll
    static void providers() {
        TestChannelServer.start();
    }

    @Test
    void aPhotoTheHostCouldNotGiveIsFetchedAgainAndJoinsItsMessage() {
        String flaky = TestChannelServer.photoAfterFailures("retry-later.png", Images.png(40, 30), 2);
        String sid = text("MMretry00000000000000000000000001", flaky);
        assertThat(missing(sid)).isEqualTo(1);
        assertThat(pending(sid)).isEqualTo(1);

        // Due a minute later: pushed to now, then tried while the host still fails, then again once it answers.
        jdbc.sql("update conversation_photo_retry set next_attempt_at = now() - interval '1 second'")
                .update();
        assertThat(retries.retryDue()).isZero();
        assertThat(pending(sid)).as("tried again later").isEqualTo(1);
        jdbc.sql("update conversation_photo_retry set next_attempt_at = now() - interval '1 second'")
                .update();
        assertThat(retries.retryDue()).isEqualTo(1);

        assertThat(missing(sid)).as("the photo joined its message").isZero();
        assertThat(pending(sid)).isZero();
        assertThat(jdbc.sql(
                                """
                                select count(*) from conversation_media p join conversation_message m on m.id = p.message_id
                                where m.external_id = :sid""")
                        .param("sid", sid)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPhotoTheHostRefusesIsNotAskedForAgain() {
        String sid = text("MMretry00000000000000000000000002", "http://127.0.0.1:3026/media/no-such-photo.png");
        assertThat(missing(sid)).isEqualTo(1);
        assertThat(pending(sid)).isZero();
    }

    @Test
    void aPhotoStillToBeFetchedIsNotBroughtInAfterTheResidentIsErased() {
        String flaky = TestChannelServer.photoAfterFailures("retry-erased.png", Images.png(40, 30), 1);
        String sid = text("MMretry00000000000000000000000003", flaky, "+14165550178");
        assertThat(pending(sid)).isEqualTo(1);

        assertThat(new Http(port)
                        .as("admin", "civic311-demo")
                        .postJson("/api/v1/privacy/erasures", "{\"address\":\"+14165550178\"}")
                        .status())
                .isEqualTo(200);
        assertThat(pending(sid)).isZero();
    }

    private String text(String sid, String mediaUrl) {
        return text(sid, mediaUrl, "+14165550177");
    }

    private String text(String sid, String mediaUrl, String from) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", "AC00000000000000000000000000000311");
        form.put("From", from);
        form.put("To", "+14165550311");
        form.put("Body", "The bench at Trinity Bellwoods is broken, photo attached");
        form.put("NumMedia", "1");
        form.put("MediaContentType0", "image/png");
        form.put("MediaUrl0", mediaUrl);
        assertThat(new Http(port)
                        .header(
                                "X-Twilio-Signature",
                                Signatures.twilio(
                                        "test-auth-token", "http://localhost:" + port + "/webhooks/sms", form))
                        .postForm("/webhooks/sms", new ArrayList<>(form.entrySet()))
                        .status())
                .isEqualTo(200);
        return sid;
    }

    private int missing(String sid) {
        return jdbc.sql("select photos_missing from conversation_message where external_id = :sid")
                .param("sid", sid)
                .query(Integer.class)
                .single();
    }

    private int pending(String sid) {
        return jdbc.sql(
                        """
                        select count(*) from conversation_photo_retry r join conversation_message m on m.id = r.message_id
                        where m.external_id = :sid""")
                .param("sid", sid)
                .query(Integer.class)
                .single();
    }
}
