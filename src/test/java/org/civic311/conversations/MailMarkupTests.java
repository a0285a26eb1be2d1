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

/** Markup a resident mails in (the name, the subject, the words, an HTML part) is shown escaped to agents. */
@Civic311Test
class MailMarkupTests {

    static final String SCRIPT = "<script>alert('mail')</script>";

    @LocalServerPort
    int port;

    @Autowired
    SmtpEndpoint smtp;

    @Autowired
    JdbcClient jdbc;

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
