package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log keeps of a failed send: logs outlive a resident's erasure, so they never name the resident. */
class OutboxLogTests {

    @Test
    void aRecipientTheMailServerRefusesIsKnownAsSuchInsideSpringsOwnExceptionAndAServerDownIsNot() throws Exception {
        var rejected = new jakarta.mail.SendFailedException(
                "550 5.1.1 Recipient address rejected",
                null,
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress("gone@example.org")});
        assertThat(Outbox.refusedRecipient(rejected)).as("the mail API's own").isTrue();
        assertThat(Outbox.refusedRecipient(
                        new org.springframework.mail.MailSendException(java.util.Map.of(new Object(), rejected))))
                .as("as Spring's mail sender reports it")
                .isTrue();
        assertThat(Outbox.refusedRecipient(new org.springframework.mail.MailSendException(
                        "Mail server connection failed", new jakarta.mail.MessagingException("Connection refused"))))
                .as("a server down is tried again")
                .isFalse();
        var relayDenied = new jakarta.mail.SendFailedException(
                "554 5.7.1 <gone@example.org>: Relay access denied",
                null,
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress("gone@example.org")});
        assertThat(Outbox.refusedRecipient(relayDenied))
                .as("a relay not allowed refuses every recipient alike: the server is put right and it is tried again")
                .isFalse();
    }

    @Test
    void aProvidersRefusalIsLoggedWithoutTheNumberOrAddressItNames() {
        assertThat(Outbox.forLog("Twilio answered 400: The 'To' number +14165550123 is not a valid phone number."))
                .contains("Twilio answered 400", "is not a valid phone number")
                .doesNotContain("4165550123");
        assertThat(Outbox.forLog("550 5.1.1 <jo.resident@example.org>: Recipient address rejected"))
                .contains("Recipient address rejected")
                .doesNotContain("jo.resident@example.org");
    }
}
