package org.civic311.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.civic311.common.InvalidInputException;
import org.civic311.support.Civic311Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many agents, one voice: one owner at a time, one reply per message, replies that fit and never abuse. */
@Civic311Test
class InboxTests {

    static final AtomicLong IDS = new AtomicLong(1863000000000000000L);

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcClient jdbc;

    Inbox.Received arrives(ConversationChannel channel, String text) {
        return arrives(channel, channel == ConversationChannel.EMAIL ? "Pothole" : null, text);
    }

    Inbox.Received arrives(ConversationChannel channel, String subject, String text) {
        String id = String.valueOf(IDS.incrementAndGet());
        return inbox.receive(new IncomingMessage(
                null,
                channel,
                channel == ConversationChannel.EMAIL ? "<" + id + "@example.org>" : id,
                channel == ConversationChannel.SMS ? "+1416555" + id.substring(id.length() - 4) : id,
                null,
                channel == ConversationChannel.EMAIL
                        ? "resident" + id + "@example.org"
                        : channel == ConversationChannel.FEDIVERSE ? "mo@mastodon.example" : "resident" + id,
                null,
                subject,
                text,
                Instant.now(),
                List.of(),
                channel == ConversationChannel.FEDIVERSE ? "unlisted" : null));
    }

    @Test
    void aConversationHasOneOwnerAtATimeAndOnlyTheOwnerReplies() {
        long id = arrives(ConversationChannel.X, "Pothole on Bathurst at Bloor").conversationId();
        inbox.claim("toronto.ca", id, "agent");
        assertThatThrownBy(() -> inbox.claim("toronto.ca", id, "agent2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("held by agent");
        assertThatThrownBy(() -> inbox.reply("toronto.ca", id, "agent2", "On it", "^Jordan L."))
                .hasMessageContaining("held by agent");

        inbox.reply("toronto.ca", id, "agent", "Thanks, we have sent a crew.", "^Sam R.");
        assertThatThrownBy(() -> inbox.reply("toronto.ca", id, "agent", "Thanks again", "^Sam R."))
                .hasMessageContaining("already been answered");

        inbox.release("toronto.ca", id, "agent");
        inbox.claim("toronto.ca", id, "agent2");
        assertThat(inbox.conversation("toronto.ca", id).owner()).isEqualTo("agent2");
    }

    @Test
    void twoRepliesToTheSameMessageAtTheSameMomentSendOne() throws Exception {
        long id = arrives(ConversationChannel.X, "Streetlight out at Queen and Spadina")
                .conversationId();
        inbox.claim("toronto.ca", id, "agent");
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> attempt(together, id, "First answer"));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> attempt(together, id, "Second answer"));
        assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.sql(
                                "select count(*) from conversation_message where conversation_id = :c and direction = 'OUT'")
                        .param("c", id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private boolean attempt(CyclicBarrier together, long id, String text) {
        try {
            together.await();
            inbox.reply("toronto.ca", id, "agent", text, "^Sam R.");
            return true;
        } catch (InvalidInputException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReplyThatDoesNotFitItsChannelOrCarriesAbuseIsRefused() {
        long onX =
                arrives(ConversationChannel.X, "Graffiti on the library wall").conversationId();
        inbox.claim("toronto.ca", onX, "agent");
        // 250 characters and a link: the link counts 23 and the signature 8, so 282 in all.
        String words = "a".repeat(250);
        assertThatThrownBy(() -> inbox.reply(
                        "toronto.ca", onX, "agent", words + " https://www.toronto.ca/311/a/very/long/path", "^Sam R."))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("text is 282 characters with the signature; X takes 280");
        assertThatThrownBy(() -> inbox.reply("toronto.ca", onX, "agent", "Stop whining, you idiot", "^Sam R."))
                .hasMessageContaining("abusive");
        inbox.reply("toronto.ca", onX, "agent", "a".repeat(248) + " https://www.toronto.ca/311", "^Sam R.");

        long bySms = arrives(ConversationChannel.SMS, "Is the pool open?").conversationId();
        inbox.claim("toronto.ca", bySms, "agent");
        assertThatThrownBy(() -> inbox.reply("toronto.ca", bySms, "agent", "b".repeat(700), "^Sam R."))
                .hasMessageContaining("SMS segments");
    }

    @Test
    void aRepliesGoesBackInTheThreadAsEachChannelNeedsIt() {
        long mastodon = arrives(ConversationChannel.FEDIVERSE, "The bench in the park is broken")
                .conversationId();
        inbox.claim("toronto.ca", mastodon, "agent");
        inbox.reply("toronto.ca", mastodon, "agent", "Thanks, a crew will look at it this week.", "^Sam R.");
        var toot = jdbc.sql(
                        """
                        select n.body_text, n.visibility, n.recipient from notification n
                        join conversation_message m on m.outbox_key = n.idempotency_key
                        where m.conversation_id = :c""")
                .param("c", mastodon)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(toot.get(0)).isEqualTo("@mo@mastodon.example Thanks, a crew will look at it this week. ^Sam R.");
        assertThat(toot.get(1)).isEqualTo("unlisted");

        Inbox.Received mail = arrives(ConversationChannel.EMAIL, "There is a pothole outside 10 Queens Quay W");
        inbox.claim("toronto.ca", mail.conversationId(), "agent");
        inbox.reply("toronto.ca", mail.conversationId(), "agent", "We have filed it.", "^Sam R.");
        var email = jdbc.sql(
                        """
                        select n.subject, n.in_reply_to, n.body_text from notification n
                        join conversation_message m on m.outbox_key = n.idempotency_key
                        where m.conversation_id = :c""")
                .param("c", mail.conversationId())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(email.get(0)).isEqualTo("Re: Pothole");
        assertThat(email.get(1)).matches("<\\d+@example.org>");
        assertThat(email.get(2)).isEqualTo("We have filed it.\n\nSam R.\nCity of Toronto 311");
    }

    @Test
    void anEmergencyIsAnsweredAtOnceWithoutWaitingForAnAgentAndTheConversationIsMarked() {
        Inbox.Received received =
                arrives(ConversationChannel.X, "Smoke is pouring out of the house next door at 41 Elm Ave!");
        Conversation conversation = inbox.conversation("toronto.ca", received.conversationId());
        assertThat(conversation.emergency()).isNotNull();
        assertThat(conversation.guidanceSent()).isTrue();
        assertThat(conversation.owner()).isNull();
        ConversationMessage guidance = conversation.messages().getLast();
        assertThat(guidance.automatic()).isTrue();
        assertThat(guidance.text())
                .as("naming whom it answers, or X refuses the second such answer as a duplicate")
                .isEqualTo("@" + conversation.resident() + " This sounds like an emergency. Call 911 now.");
        assertThat(jdbc.sql("select recipient from notification where idempotency_key = :k")
                        .param("k", guidance.outboxKey())
                        .query(String.class)
                        .single())
                .isEqualTo(conversation.messages().getFirst().externalId());
        assertThat(inbox.list("toronto.ca", new InboxFilter(null, null, null, null, true, null), 500))
                .extracting(Conversation::id)
                .contains(conversation.id());
    }

    @Test
    void anEmergencyOnMastodonIsAnsweredAtOnceUnderThePostThatReportedIt() {
        Inbox.Received received =
                arrives(ConversationChannel.FEDIVERSE, "Smoke is pouring out of the house next door at 43 Elm Ave!");
        Conversation conversation = inbox.conversation("toronto.ca", received.conversationId());
        assertThat(conversation.emergency()).isNotNull();
        assertThat(conversation.guidanceSent()).isTrue();
        ConversationMessage guidance = conversation.messages().getLast();
        assertThat(guidance.automatic()).isTrue();
        assertThat(guidance.text())
                .as("naming whom it answers, as a reply on Mastodon does")
                .startsWith("@")
                .endsWith("This sounds like an emergency. Call 911 now.");
        assertThat(jdbc.sql("select recipient from notification where idempotency_key = :k")
                        .param("k", guidance.outboxKey())
                        .query(String.class)
                        .single())
                .as("a reply to the post itself")
                .isEqualTo(conversation.messages().getFirst().externalId());
    }

    @Test
    void aLongMailIsReadToItsEndForAnEmergencyAndAbuse() {
        String opening = "The lane behind our houses has not been cleared since the storm. ".repeat(180);
        assertThat(opening.length()).isGreaterThan(org.civic311.triage.Triage.MAX_TEXT);
        Inbox.Received received = arrives(
                ConversationChannel.EMAIL,
                "The lane",
                opening + "\nThis fucking lane. And now there is a strong smell of gas in our basement.");
        Conversation conversation = inbox.conversation("toronto.ca", received.conversationId());
        assertThat(conversation.emergency()).isNotNull();
        assertThat(conversation.abusive()).isTrue();
        assertThat(conversation.messages().getLast().text()).contains("Call 911 now");
        assertThat(conversation.messages().getFirst().maskedText()).doesNotContain("fucking");
    }

    @Test
    void anEmergencyWrittenOnlyInAMailsSubjectIsAnsweredAtOnce() {
        Inbox.Received received = arrives(
                ConversationChannel.EMAIL, "Strong smell of gas in our basement at 12 Elm St", "Please send someone.");
        Conversation conversation = inbox.conversation("toronto.ca", received.conversationId());
        assertThat(conversation.emergency()).isNotNull();
        assertThat(conversation.messages().getLast().automatic()).isTrue();
        assertThat(conversation.messages().getLast().text()).contains("Call 911 now");
    }

    @Test
    void aResidentsReplyInTheThreadOfAnEmergencyIsNotAnsweredAsOneAgain() {
        String first = "<" + IDS.incrementAndGet() + "@example.org>";
        Inbox.Received alarm = inbox.receive(new IncomingMessage(
                null,
                ConversationChannel.EMAIL,
                first,
                first,
                null,
                "elm.resident@example.org",
                null,
                "Downed power line sparking on Elm St",
                "Please hurry.",
                Instant.now(),
                List.of(),
                null));
        String second = "<" + IDS.incrementAndGet() + "@example.org>";
        Inbox.Received thanks = inbox.receive(new IncomingMessage(
                null,
                ConversationChannel.EMAIL,
                second,
                second,
                first,
                "elm.resident@example.org",
                null,
                "Re: Downed power line sparking on Elm St",
                "Thanks, it is fixed now.",
                Instant.now(),
                List.of(),
                null));
        assertThat(thanks.conversationId()).isEqualTo(alarm.conversationId());
        Conversation conversation = inbox.conversation("toronto.ca", alarm.conversationId());
        assertThat(conversation.messages().stream().filter(ConversationMessage::automatic))
                .as("one 911 answer, to the first message")
                .hasSize(1);
    }

    @Test
    void aForwardedEmergencyIsAnEmergencyWhateverItsSubjectBegins() {
        Inbox.Received forwarded =
                arrives(ConversationChannel.EMAIL, "Fwd: Gas smell in the basement at 12 Elm St", "See below.");
        assertThat(inbox.conversation("toronto.ca", forwarded.conversationId()).emergency())
                .isNotNull();
    }

    @Test
    void aReplyToAMailWhoseSubjectIsAbusiveNeitherEchoesItNorMissesIt() {
        Inbox.Received mail = arrives(
                ConversationChannel.EMAIL,
                "You idiots never fix anything",
                "The pothole outside 10 Queens Quay W is back again.");
        assertThat(inbox.conversation("toronto.ca", mail.conversationId()).abusive())
                .isTrue();
        inbox.claim("toronto.ca", mail.conversationId(), "agent");
        inbox.reply("toronto.ca", mail.conversationId(), "agent", "A crew will fill it this week.", "^Sam R.");
        String subject = jdbc.sql(
                        """
                        select n.subject from notification n
                        join conversation_message m on m.outbox_key = n.idempotency_key
                        where m.conversation_id = :c""")
                .param("c", mail.conversationId())
                .query(String.class)
                .single();
        assertThat(subject).startsWith("Re: You ").doesNotContain("idiots");
    }

    IncomingMessage mastodon(String id, String author, String inReplyTo, String visibility, String text) {
        return new IncomingMessage(
                null,
                ConversationChannel.FEDIVERSE,
                id,
                id,
                inReplyTo,
                author,
                null,
                null,
                text,
                Instant.now(),
                List.of(),
                visibility);
    }

    @Test
    void onlyTheResidentContinuesTheirThreadAndAReplyToADirectMessageStaysDirect() {
        long first = inbox.receive(mastodon(
                        "113800000000000001", "ana@social.example", null, "public", "Broken swing at Dufferin Grove"))
                .conversationId();
        // Someone else answering the same post starts a conversation of their own.
        long other = inbox.receive(mastodon(
                        "113800000000000002",
                        "troll@social.example",
                        "113800000000000001",
                        "public",
                        "There is no swing there"))
                .conversationId();
        assertThat(other).isNotEqualTo(first);
        // The resident continues in private: the answer must not go out in public.
        long again = inbox.receive(mastodon(
                        "113800000000000003",
                        "ana@social.example",
                        "113800000000000001",
                        "direct",
                        "My number is 416-555-0101 if the crew needs it"))
                .conversationId();
        assertThat(again).isEqualTo(first);
        inbox.claim("toronto.ca", first, "agent");
        ConversationMessage reply = inbox.reply("toronto.ca", first, "agent", "Thanks, the crew will call.", "^Sam R.");
        assertThat(jdbc.sql("select visibility from notification where idempotency_key = :k")
                        .param("k", reply.outboxKey())
                        .query(String.class)
                        .single())
                .isEqualTo("direct");
    }

    @Autowired
    org.civic311.media.MediaStore media;

    @Test
    void aDirectMessageOnXIsNotRepliedToWithPhotosItCannotCarry() {
        String id = String.valueOf(IDS.incrementAndGet());
        long conversation = inbox.receive(new IncomingMessage(
                        null,
                        ConversationChannel.X,
                        "dm:" + id,
                        "dm:" + id,
                        null,
                        "resident" + id,
                        null,
                        null,
                        "Is the bin depot open on Sunday?",
                        Instant.now(),
                        List.of(),
                        "direct"))
                .conversationId();
        inbox.claim("toronto.ca", conversation, "agent");
        var photo = media.storeForStaff("photo", org.civic311.support.Images.png(16, 16));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inbox.reply(
                        "toronto.ca",
                        conversation,
                        "agent",
                        new Inbox.Reply("Yes, from 8 to 4.", "^Sam R.", List.of(photo), null, null)))
                .hasMessageContaining("photos cannot go with a direct message on X");
        assertThat(inbox.reply("toronto.ca", conversation, "agent", "Yes, from 8 to 4.", "^Sam R.")
                        .text())
                .startsWith("Yes, from 8 to 4.");
    }

    @Test
    void aForgedEmailHeaderDoesNotJoinAnotherResidentsThread() {
        Inbox.Received camille = inbox.receive(new IncomingMessage(
                null,
                ConversationChannel.EMAIL,
                "<thread-camille@example.org>",
                "<thread-camille@example.org>",
                null,
                "camille@example.org",
                null,
                "Noise",
                "Construction noise at night on Ossington",
                Instant.now(),
                List.of(),
                null));
        Inbox.Received forger = inbox.receive(new IncomingMessage(
                null,
                ConversationChannel.EMAIL,
                "<forged@attacker.example>",
                "<thread-camille@example.org>",
                "<thread-camille@example.org>",
                "mallory@attacker.example",
                null,
                "Re: Noise",
                "Please send all replies to this address instead",
                Instant.now(),
                List.of(),
                null));
        assertThat(forger.conversationId()).isNotEqualTo(camille.conversationId());
        assertThat(inbox.conversation("toronto.ca", camille.conversationId()).messages())
                .hasSize(1);
    }
}
