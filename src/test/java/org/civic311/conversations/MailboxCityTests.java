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
}
