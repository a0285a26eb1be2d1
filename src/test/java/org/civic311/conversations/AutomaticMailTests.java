package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.civic311.common.InvalidInputException;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Mail a machine sends (an out-of-office reply, a delivery report) is kept where it belongs but never answered and
 * never reopens a conversation; mail is ordered as it arrived, whatever its sender's clock says.
 */
@Civic311Test
class AutomaticMailTests {

    static final Session SESSION = Session.getInstance(new Properties());
    static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    @Autowired
    Inbox inbox;

    IncomingMessage mail(String headers, String body) throws Exception {
        String raw = headers.strip() + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
        return EmailPoller.read(EmailPoller.parse(SESSION, raw.getBytes(StandardCharsets.UTF_8)), Instant.now());
    }

    static String id() {
        return "<" + IDS.incrementAndGet() + "@mail.example.org>";
    }

    /** A resident's mail, answered by an agent and closed. */
    long answeredAndClosed(String first, String resident) throws Exception {
        long conversation = inbox.receive(mail(
                        "From: " + resident + "\r\nMessage-ID: " + first
                                + "\r\nSubject: Overflowing bin on Elm\r\nDate: Tue, 24 Nov 2026 09:00:00 -0500",
                        "The bin at 41 Elm St overflows."))
                .conversationId();
        inbox.claim("toronto.ca", conversation, "agent");
        inbox.reply("toronto.ca", conversation, "agent", "A crew will empty it today.", "^Sam R.");
        Conversation answered = inbox.conversation("toronto.ca", conversation);
        inbox.close(
                "toronto.ca",
                conversation,
                "agent",
                inbox.latestIncoming(answered).orElseThrow().id());
        return conversation;
    }

    @Test
    void anOutOfOfficeReplyIsKeptButNeitherAnsweredNorTriagedNorReopensItsConversation() throws Exception {
        String first = id();
        long conversation = answeredAndClosed(first, "ana.lima@example.org");

        IncomingMessage away = mail(
                "From: ana.lima@example.org\r\nMessage-ID: " + id() + "\r\nIn-Reply-To: " + first + "\r\nReferences: "
                        + first
                        + "\r\nAuto-Submitted: auto-replied\r\nSubject: Automatic reply: Overflowing bin on Elm",
                "I am away until Monday. For a gas leak or a fire, call 911.");
        assertThat(away.automatic()).isTrue();
        Inbox.Received received = inbox.receive(away);

        assertThat(received.conversationId()).isEqualTo(conversation);
        Conversation after = inbox.conversation("toronto.ca", conversation);
        assertThat(after.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(after.emergency()).isNull();
        assertThat(after.isAnswered()).isTrue();
        assertThat(after.messages().getLast().automatic()).isTrue();
        assertThat(after.messages().getLast().direction()).isEqualTo(ConversationMessage.Direction.IN);
        assertThat(after.messages().stream()
                        .filter(m -> m.direction() == ConversationMessage.Direction.OUT)
                        .count())
                .as("no 911 guidance to a machine")
                .isEqualTo(1);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.civic311.requests.ServiceRequests requests;

    @Test
    void anOutOfOfficeReplyToAnUpdateIsKeptClosedUntriagedAndUnanswered() throws Exception {
        String request = org.civic311.support.Reports.binTagged(requests, "Tags on the bin, followed by someone away");
        String update = "<update-away-" + IDS.incrementAndGet() + "@civic311>";
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, request_id, channel, recipient, language, subject,
                            body_text, created_at, next_attempt_at, sent_at, external_id)
                        select 'status:away-' || :update, id, 'EMAIL', 'away@example.org', 'en', 'Update', 'Cleaned.',
                            now(), now(), now(), :update
                        from service_request where public_id = :id""")
                .param("update", update)
                .param("id", request)
                .update();

        Conversation away = inbox.conversation(
                "toronto.ca",
                inbox.receive(mail(
                                "From: away@example.org\r\nMessage-ID: " + id() + "\r\nIn-Reply-To: " + update
                                        + "\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office",
                                "I am away until Monday. For a gas leak or a fire, call 911."))
                        .conversationId());

        assertThat(away.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(away.emergency()).isNull();
        assertThat(away.messages()).hasSize(1);
    }

    @Autowired
    EmailPoller poller;

    /** A delivery report (RFC 3464) about the mail sent as {@code sent}, for one recipient. */
    static byte[] report(String sent, String recipient, String outcome) {
        return ("From: MAILER-DAEMON@mx.example.org\r\nMessage-ID: " + id()
                        + "\r\nSubject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                        + "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
                        + "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
                        + "Reporting-MTA: dns; mx.example.org\r\n\r\n"
                        + "Final-Recipient: rfc822; " + recipient + "\r\n" + outcome + "\r\n"
                        // The returned mail's thread, ours too, named before its own Message-ID.
                        + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nReferences: "
                        + org.civic311.notifications.Replies.emailMessageId("request-thread:1:" + recipient)
                        + "\r\nMessage-ID: " + sent
                        + "\r\nSubject: Re: Overflowing bin on Elm\r\n"
                        + "--B--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    jakarta.mail.internet.MimeMessage mailMessage(String headers, String body) throws Exception {
        String raw = headers.strip() + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
        return EmailPoller.parse(SESSION, raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDeliveryReportReturningAnAgentsReplyMarksItUndeliveredAndOpensTheConversationAgain() throws Exception {
        long conversation = answeredAndClosed(id(), "typo@exampel.org");
        String key = inbox.conversation("toronto.ca", conversation)
                .messages()
                .getLast()
                .outboxKey();
        String sent = org.civic311.notifications.Replies.emailMessageId(key);
        // As the outbox records a mail it handed to the mail server.
        jdbc.sql("update notification set sent_at = now(), external_id = :sent where idempotency_key = :key")
                .param("sent", sent)
                .param("key", key)
                .update();

        // Not a failure: a delay, a failure for another address (a forward), a person's automatic answer.
        poller.receive(
                EmailPoller.parse(SESSION, report(sent, "typo@exampel.org", "Action: delayed\r\nStatus: 4.4.7")), null);
        poller.receive(
                EmailPoller.parse(SESSION, report(sent, "other@example.org", "Action: failed\r\nStatus: 5.2.2")), null);
        poller.receive(
                mailMessage(
                        "From: typo@exampel.org\r\nMessage-ID: " + id() + "\r\nIn-Reply-To: " + sent
                                + "\r\nAuto-Submitted: auto-replied\r\nSubject: Away",
                        "Away until Monday."),
                null);
        assertThat(jdbc.sql("select failed_at is null from notification where idempotency_key = :key")
                        .param("key", key)
                        .query(Boolean.class)
                        .single())
                .as("delivered, or not known to have failed")
                .isTrue();

        poller.receive(
                EmailPoller.parse(SESSION, report(sent, "typo@exampel.org", "Action: failed\r\nStatus: 5.1.1")), null);

        assertThat(jdbc.sql(
                                "select last_error from notification where idempotency_key = :key and failed_at is not null")
                        .param("key", key)
                        .query(String.class)
                        .single())
                .isEqualTo("returned by the mail system: Undelivered Mail Returned to Sender");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> inbox.conversation("toronto.ca", conversation).status() == ConversationStatus.OPEN);
    }

    @Test
    void machineMailThatStartsAThreadIsTriagedAndShownButNeverAnsweredByAMachine() throws Exception {
        for (String headers : new String[] {
            "From: MAILER-DAEMON@mx.example.org\r\nSubject: Undelivered Mail Returned to Sender",
            "From: bulletin@example.org\r\nPrecedence: bulk\r\nSubject: Our newsletter",
            "From: alarms@example.org\r\nAuto-Submitted: auto-generated\r\nSubject: Panel 7"
        }) {
            IncomingMessage report = mail(
                    headers + "\r\nMessage-ID: " + id(), "Gas leak reported at 12 Elm St, smell of gas in the hall.");
            assertThat(report.automatic()).as(headers).isTrue();
            Conversation conversation =
                    inbox.conversation("toronto.ca", inbox.receive(report).conversationId());
            assertThat(conversation.status()).as(headers).isEqualTo(ConversationStatus.OPEN);
            assertThat(conversation.emergency())
                    .as(headers + ": an agent sees the emergency")
                    .isNotNull();
            assertThat(conversation.messages())
                    .as(headers + ": no 911 guidance sent to a machine")
                    .hasSize(1);
            assertThat(conversation.guidanceSent())
                    .as(headers + ": and the agent's banner does not say it was")
                    .isFalse();
        }
        assertThat(mail("From: ana.lima@example.org\r\nAuto-Submitted: no\r\nMessage-ID: " + id(), "Hello")
                        .automatic())
                .isFalse();
    }

    @Test
    void aMailFromASenderWhoseClockRunsBehindIsStillTheNewestMessage() throws Exception {
        String first = id();
        long conversation = inbox.receive(mail(
                        "From: kim.vo@example.org\r\nMessage-ID: " + first
                                + "\r\nSubject: Pothole\r\nDate: Tue, 24 Nov 2026 09:00:00 -0500",
                        "Pothole outside 12 Elm St."))
                .conversationId();
        inbox.claim("toronto.ca", conversation, "agent");
        inbox.reply("toronto.ca", conversation, "agent", "Which side of the street?", "^Sam R.");
        long seen = inbox.latestIncoming(inbox.conversation("toronto.ca", conversation))
                .orElseThrow()
                .id();

        inbox.receive(mail(
                "From: kim.vo@example.org\r\nMessage-ID: " + id() + "\r\nIn-Reply-To: " + first
                        + "\r\nReferences: " + first + "\r\nSubject: Re: Pothole"
                        + "\r\nDate: Mon, 23 Nov 2026 09:00:00 -0500",
                "The north side."));

        Conversation after = inbox.conversation("toronto.ca", conversation);
        assertThat(after.isAnswered()).isFalse();
        assertThat(after.messages().getLast().text()).isEqualTo("The north side.");
        assertThatThrownBy(() -> inbox.close("toronto.ca", conversation, "agent", seen))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the resident wrote again");
    }

    @Test
    void aThankYouQuotingOurWordsAboutADownedWireIsNotAnEmergency() throws Exception {
        String first = id();
        long conversation = answeredAndClosed(first, "lee.chan@example.org");
        inbox.receive(mail(
                "From: lee.chan@example.org\r\nMessage-ID: " + id() + "\r\nIn-Reply-To: " + first + "\r\nReferences: "
                        + first + "\r\nSubject: Re: Overflowing bin on Elm",
                "Thank you!\r\n\r\nOn Tue, Nov 24, 2026 at 9:02 AM 311 <311@toronto.ca> wrote:\r\n"
                        + "> A crew is on its way to the downed power line sparking on Elm.\r\n"));
        Conversation after = inbox.conversation("toronto.ca", conversation);
        assertThat(after.emergency()).isNull();
        assertThat(after.messages().getLast().text()).isEqualTo("Thank you!");
        assertThat(after.messages().getLast().direction()).isEqualTo(ConversationMessage.Direction.IN);
    }
}
