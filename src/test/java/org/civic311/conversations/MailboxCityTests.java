package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.civic311.catalog.Catalog;
import org.civic311.common.InvalidInputException;
import org.civic311.open311.MultipleJurisdictionsTests;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Where Civic311 serves several cities, a mailbox brings its mail to the city it is configured for. */
@Civic311Test
@TestPropertySource(properties = {"civic311.demo.enabled=false", "civic311.hosts[127.0.0.1]=shelbyville.gov"})
class MailboxCityTests {

    @Autowired
    EmailPoller mail;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMailboxOfOneOfSeveralCitiesBringsItsMailToThatCity() throws Exception {
        MultipleJurisdictionsTests.twoCities(catalog);
        String raw = "From: homer@example.org\r\nMessage-ID: <mailbox-city-1@example.org>\r\nSubject: Pothole\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nA pothole on Evergreen Terrace.";
        var message = EmailPoller.parse(Session.getInstance(new Properties()), raw.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> mail.receive(message, null))
                .as("with no city configured and several served, the mail is left where it is, not guessed")
                .isInstanceOf(InvalidInputException.class);
        assertThat(mail.receive(message, "shelbyville.gov")).isTrue();
        assertThat(jdbc.sql(
                                "select jurisdiction_id from conversation where thread_key = '<mailbox-city-1@example.org>'")
                        .query(String.class)
                        .list())
                .containsExactly("shelbyville.gov");
    }

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Test
    void anAnswerToOneCitysUpdateIsNotLinkedToItsRequestInAnotherCitysInbox() throws Exception {
        MultipleJurisdictionsTests.twoCities(catalog);
        String springfields = requests.submit(new org.civic311.requests.NewServiceRequest(
                        "springfield.gov",
                        "SF-POTHOLE",
                        new org.civic311.requests.Location(39.78, -89.65, "742 Evergreen Terrace", null, null),
                        "A pothole",
                        java.util.Map.of("DEPTH_CM", java.util.List.of("12")),
                        java.util.List.of(),
                        java.util.List.of(),
                        org.civic311.requests.Reporter.anonymous(),
                        org.civic311.requests.Channel.WEB,
                        null))
                .publicId();
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, request_id, channel, recipient, language, subject,
                            body_text, created_at, next_attempt_at, sent_at, external_id)
                        select 'status:mailbox-city', id, 'EMAIL', 'marge@example.org', 'en', 'Update', 'Fixed.',
                            now(), now(), now(), '<update-mailbox-city@civic311>'
                        from service_request where public_id = :id and jurisdiction_id = 'springfield.gov'""")
                .param("id", springfields)
                .update();
        String raw = "From: marge@example.org\r\nMessage-ID: <mailbox-city-2@example.org>\r\n"
                + "In-Reply-To: <update-mailbox-city@civic311>\r\nSubject: Re: Update\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nThey left a hole again.";
        var answer = EmailPoller.parse(Session.getInstance(new Properties()), raw.getBytes(StandardCharsets.UTF_8));

        assertThat(mail.receive(answer, "shelbyville.gov")).isTrue();
        assertThat(jdbc.sql(
                                """
                                select jurisdiction_id || ' ' || coalesce(request_public_id, 'unlinked') from conversation
                                where thread_key = '<update-mailbox-city@civic311>'""")
                        .query(String.class)
                        .list())
                .as("Shelbyville's inbox links nothing of Springfield's")
                .containsExactly("shelbyville.gov unlinked");
    }
}
