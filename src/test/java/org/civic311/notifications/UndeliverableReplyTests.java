package org.civic311.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.civic311.conversations.ConversationChannel;
import org.civic311.conversations.Inbox;
import org.civic311.conversations.IncomingMessage;
import org.civic311.support.Civic311Test;
import org.civic311.support.Http;
import org.civic311.support.TestChannelServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A reply the provider will never take is given up on, and the conversation is unanswered again, saying why. */
@Civic311Test
class UndeliverableReplyTests {

    @LocalServerPort
    int port;

    @Autowired
    Inbox inbox;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void providers() {
        TestChannelServer.start();
    }

    @Test
    void aTextToAnUnsubscribedNumberIsNotRetriedAndTheConversationIsOpenAgainSayingWhy() {
        TestChannelServer.unsubscribe("+14165550931");
        long id = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.SMS,
                        "SMundeliverable0000000000000000001",
                        "+14165550931",
                        null,
                        "+14165550931",
                        null,
                        null,
                        "Is the Harbord pool open on Monday?",
                        Instant.now(),
                        List.of(),
                        null))
                .conversationId();
        Http sam = Http.browser(port);
        assertThat(sam.signIn("agent", "civic311-demo", null).status()).isEqualTo(302);
        String page = "/staff/inbox/" + id;
        assertThat(sam.postForm(page + "/claim", List.of(Map.entry("_csrf", sam.csrf(page))))
                        .status())
                .isEqualTo(302);
        assertThat(sam.postForm(
                                page + "/reply",
                                List.of(Map.entry("text", "Yes, from 1 to 4 pm."), Map.entry("_csrf", sam.csrf(page))))
                        .status())
                .isEqualTo(302);
        assertThat(status(id)).isEqualTo("ANSWERED");
        assertThat(sam.get(page).body()).contains("Waiting to be sent.");
        // A quick answer: replied and closed at once, before the provider has said anything.
        assertThat(sam.postForm(page + "/close", List.of(Map.entry("_csrf", sam.csrf(page))))
                        .status())
                .isEqualTo(302);
        assertThat(status(id)).isEqualTo("CLOSED");

        outbox.sendDue();
        outbox.sendDue();

        assertThat(
                        TestChannelServer.calls("/2010-04-01/Accounts/AC00000000000000000000000000000311/Messages.json")
                                .stream()
                                .filter(call -> call.body().contains("To=%2B14165550931")))
                .as("tried once, not again")
                .hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("OPEN"));
        assertThat(sam.get(page).body())
                .contains("Not delivered:")
                .contains("Attempt to send to unsubscribed recipient")
                .contains("answer them another way")
                .contains("opened again: a reply was not delivered");
        assertThat(inbox.sinceLastClosed(inbox.conversation("toronto.ca", id)))
                .as("the question is unanswered again, its photos offered when filing")
                .extracting(org.civic311.conversations.ConversationMessage::text)
                .containsExactly("Is the Harbord pool open on Monday?");

        // Given up on, it is finished all the same: past the retention period, the number goes.
        assertThat(jdbc.sql(
                                "update notification set failed_at = now() - interval '3 years' where recipient = '+14165550931'")
                        .update())
                .isEqualTo(1);
        privacy.applyRetention();
        assertThat(jdbc.sql("select count(*) from notification where recipient = '+14165550931'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Autowired
    org.civic311.privacy.ResidentData privacy;

    @Test
    void aTwilioRefusalIsFinalOnlyWhenItIsAboutTheResidentsNumberOrTheMessage() {
        java.util.function.Function<Integer, String> twilio = code -> "{\"code\": " + code
                + ", \"message\": \"…\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code
                + "\", \"status\": 400}";
        assertThat(Undeliverable.permanent(400, twilio.apply(21610)))
                .as("unsubscribed")
                .isTrue();
        assertThat(Undeliverable.permanent(400, twilio.apply(21211)))
                .as("an invalid number")
                .isTrue();
        assertThat(Undeliverable.permanent(400, twilio.apply(21614)))
                .as("not a mobile")
                .isTrue();
        // The city's to put right: the texts wait and go once it is.
        assertThat(Undeliverable.permanent(400, twilio.apply(21212)))
                .as("an invalid sending number")
                .isFalse();
        assertThat(Undeliverable.permanent(400, twilio.apply(21606)))
                .as("a number that cannot send")
                .isFalse();
        assertThat(Undeliverable.permanent(400, twilio.apply(21611)))
                .as("a full queue")
                .isFalse();
        assertThat(Undeliverable.permanent(400, "{\"error\": \"Validation failed\"}"))
                .as("another provider's 400")
                .isTrue();
    }

    @Test
    void onlyRefusalsOfTheMessageItselfAreFinal() {
        assertThat(Undeliverable.permanent(400)).isTrue();
        assertThat(Undeliverable.permanent(410)).isTrue();
        assertThat(Undeliverable.permanent(422)).isTrue();
        // A credential rotated or an account set up wrong: put right, the messages waiting go out.
        assertThat(Undeliverable.permanent(401)).isFalse();
        assertThat(Undeliverable.permanent(403)).isFalse();
        assertThat(Undeliverable.permanent(404)).isFalse();
        assertThat(Undeliverable.permanent(408)).isFalse();
        assertThat(Undeliverable.permanent(429)).isFalse();
        assertThat(Undeliverable.permanent(500)).isFalse();
        assertThat(Undeliverable.permanent(503)).isFalse();
        // X's refusal of a post that repeats an earlier one: sending it again cannot change that.
        assertThat(
                        Undeliverable.permanent(
                                403,
                                "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"status\":403}"))
                .isTrue();
        assertThat(Undeliverable.permanent(403, "{\"title\":\"Forbidden\"}")).isFalse();
    }

    private String status(long id) {
        return jdbc.sql("select status from conversation where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
