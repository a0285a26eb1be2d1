package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Markup a resident sends by email (the name, the subject, an HTML part) or on Mastodon (the display name, markup
 * typed into a post) is shown escaped to agents.
 */
@Civic311Test
class ChannelMarkupTests {

    static final String SCRIPT = "<script>alert('mail')</script>";

    @LocalServerPort
    int port;

    @Autowired
    SmtpEndpoint smtp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MastodonPoller mastodon;

    @org.junit.jupiter.api.BeforeAll
    static void providers() {
        org.civic311.support.TestChannelServer.start();
    }

    @Test
    void markupInAMastodonPostIsShownEscapedInTheInbox() throws Exception {
        // Mastodon sends a post as HTML: what the resident typed as "<script>" arrives escaped, and is read as text.
        org.civic311.support.TestChannelServer.mastodonNotifications(
                """
                [{"id":"9101","type":"mention","created_at":"2026-11-18T22:10:00.000Z",
                  "account":{"id":"78","acct":"markup@mastodon.example","display_name":"Mo <b>Bold</b>"},
                  "status":{"id":"113500000000000777","created_at":"2026-11-18T22:10:00.000Z",
                    "in_reply_to_id":null,"visibility":"public",
                    "content":"<p>bench broken &lt;script&gt;alert('masto')&lt;/script&gt; <img src=x onerror=alert(1)></p>",
                    "account":{"id":"78","acct":"markup@mastodon.example","display_name":"Mo <b>Bold</b>"},
                    "media_attachments":[]}}]""");
        mastodon.poll();
        long conversation = jdbc.sql(
                        "select conversation_id from conversation_message where external_id = '113500000000000777'")
                .query(Long.class)
                .single();

        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);
        String views = supervisor.get("/staff/inbox").body()
                + supervisor.get("/staff/inbox/" + conversation).body();

        assertThat(views)
                .doesNotContain("<script>alert('masto')")
                .doesNotContain("<b>Bold</b>")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;masto&#39;)");
    }

    @Test
    void markupInAMailIsShownEscapedInTheInbox() throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(settings));
        mail.setFrom(new InternetAddress("markup@example.org", "Mal <b>Formed</b>"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, "311@demo.civic311.org");
        mail.setSubject("Bins " + SCRIPT);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<p>The bins <img src=x onerror=alert('mail')> again " + SCRIPT + "</p>", "text/html; charset=utf-8");
        mail.setContent(new MimeMultipart("alternative", html));
        jakarta.mail.Transport.send(mail);
        long conversation = jdbc.sql("select id from conversation where resident = 'markup@example.org'")
                .query(Long.class)
                .single();

        Http supervisor = Http.browser(port);
        supervisor.signIn("supervisor", "civic311-demo", null);
        String views = supervisor.get("/staff/inbox").body()
                + supervisor.get("/staff/inbox/" + conversation).body();

        assertThat(views)
                .doesNotContain(SCRIPT)
                .doesNotContain("<img src=x")
                .doesNotContain("<b>Formed</b>")
                .contains("Mal &lt;b&gt;Formed&lt;/b&gt;")
                // An HTML mail is read as the plain text it shows, tags and all dropped.
                .contains("The bins  again alert(&#39;mail&#39;)");
    }
}
