package org.civic311.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Replies to residents in the thread their message came from, through the outbox: each reply exists once (by its
 * key), is sent at least once, and is retried while the provider is down. Also the channels' length rules, so a
 * reply is checked before it is queued.
 */
@Service
public class Replies {

    /** The channels a reply can go out in. */
    public enum Channel {
        EMAIL,
        SMS,
        X,
        FEDIVERSE
    }

    /** How a queued reply stands: sent (with the provider's id), still trying, or given up on (with the last error). */
    public record Delivery(
            @Nullable Instant sentAt,
            @Nullable String externalId,
            @Nullable String lastError,
            int attempts,
            @Nullable Instant failedAt) {

        /** Neither sent nor given up on: waiting for its first attempt or its next one. */
        public boolean waiting() {
            return sentAt == null && failedAt == null;
        }
    }

    /** SMS is billed and split by segments; past this many, a reply belongs in another channel. */
    public static final int MAX_SMS_SEGMENTS = 4;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.civic311.requests.ServiceRequests requests;
    private final org.springframework.context.ApplicationEventPublisher events;

    Replies(
            JdbcClient jdbc,
            Clock clock,
            org.civic311.requests.ServiceRequests requests,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.requests = requests;
        this.events = events;
    }

    /** The Message-ID every mail Civic311 sends goes out with: what a delivery report names of the mail it returns. */
    public static final java.util.regex.Pattern OWN_MESSAGE_ID =
            java.util.regex.Pattern.compile("<[0-9a-f]{32}@civic311>");

    /**
     * A mail Civic311 sent came back undelivered (a delivery report names it, and says it failed for good for the
     * address it was sent to): it is given up on as one refused when it was sent is, and the module that sent it
     * hears (a conversation whose reply bounced is open again).
     *
     * @return whether it was a mail of ours not yet known to be undelivered
     */
    @org.springframework.transaction.annotation.Transactional
    public boolean returned(String messageId, java.util.List<String> failedRecipients, String reason) {
        Optional<String> key = jdbc.sql(
                        """
                        update notification set failed_at = :at, last_error = :reason
                        where channel = 'EMAIL' and external_id = :id and failed_at is null
                          and lower(recipient) = any(:failed)
                        returning idempotency_key""")
                .param("at", Timestamp.from(clock.instant()))
                .param("reason", reason)
                .param("id", messageId)
                .param("failed", failedRecipients.toArray(String[]::new))
                .query(String.class)
                .optional();
        key.ifPresent(returned -> events.publishEvent(new MessageUndeliverable(returned, "EMAIL", reason)));
        return key.isPresent();
    }

    /**
     * Queues a reply; queuing the same key twice queues it once.
     *
     * @param recipient where it goes: an email address, a phone number, or the id of the post it answers on X and
     *     Mastodon
     * @param inReplyTo for email, the Message-ID of the message it answers
     * @param mediaPaths photos of the media store to send with it
     */
    public void queue(
            String key,
            Channel channel,
            String recipient,
            String text,
            @Nullable String subject,
            @Nullable String visibility,
            @Nullable String inReplyTo,
            String language,
            java.util.List<String> mediaPaths) {
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        insert into notification (idempotency_key, channel, recipient, language, subject, body_text,
                            created_at, next_attempt_at, visibility, in_reply_to, media_paths)
                        values (:key, :channel, :recipient, :language, :subject, :text, :now, :now, :visibility,
                            :inReplyTo, :media)
                        on conflict (idempotency_key) do nothing""")
                .param("key", key)
                .param("channel", channel.name())
                .param("recipient", recipient)
                .param("language", language)
                .param("subject", subject == null ? "" : subject)
                .param("text", text)
                .param("now", Timestamp.from(now))
                .param("visibility", visibility)
                .param("inReplyTo", inReplyTo)
                .param("media", mediaPaths.toArray(String[]::new))
                .update();
    }

    public Optional<Delivery> delivery(String key) {
        return Optional.ofNullable(deliveries(java.util.List.of(key)).get(key));
    }

    /** How each of these replies went, by key; a key the outbox does not hold is left out. */
    public java.util.Map<String, Delivery> deliveries(java.util.Collection<String> keys) {
        java.util.Map<String, Delivery> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql(
                        """
                        select idempotency_key, sent_at, external_id, last_error, attempts, failed_at
                        from notification where idempotency_key in (:keys)""")
                .param("keys", keys)
                .query((rs, n) -> found.put(
                        rs.getString(1),
                        new Delivery(
                                rs.getTimestamp(2) == null
                                        ? null
                                        : rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getTimestamp(6) == null
                                        ? null
                                        : rs.getTimestamp(6).toInstant())))
                .list();
        return found;
    }

    /** A message about a request that its follower never got: given up on, or returned by their mail system. */
    public record Undelivered(String channel, String recipient, Instant failedAt, @Nullable String reason) {}

    /**
     * The messages about a request (its acknowledgement, updates and confirmation links) that never reached their
     * follower, newest first: staff see who has not heard, and why, and reach them another way.
     */
    public java.util.List<Undelivered> undeliveredAbout(long requestId) {
        return jdbc.sql(
                        """
                        select channel, recipient, failed_at, last_error from notification
                        where request_id = :id and failed_at is not null
                          and (idempotency_key like 'status:%' or idempotency_key like 'received:%'
                               or idempotency_key like 'follow-confirm:%')
                        order by failed_at desc
                        limit 20""")
                .param("id", requestId)
                .query((rs, n) -> new Undelivered(
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .list();
    }

    /** The key of the reply that the provider knows by this id: how a resident's answer to a reply finds its thread. */
    public Optional<String> keyOfSent(Channel channel, String externalId) {
        return jdbc.sql("select idempotency_key from notification where channel = :c and external_id = :e")
                .param("c", channel.name())
                .param("e", externalId)
                .query(String.class)
                .optional();
    }

    /**
     * The request a message Civic311 sent about it is known by (an update to a follower), by the id the provider gave
     * it: a resident who answers an update writes about that request. A mail answers about it only when it was sent
     * to its sender; a public post's thread is the request's, whoever answers in it.
     */
    public Optional<String> requestOfSent(Channel channel, String externalId, String sender, String jurisdictionId) {
        return jdbc.sql(
                        """
                        select request_id from notification
                        where channel = :c and external_id = :e and request_id is not null
                          and (channel in ('X', 'FEDIVERSE') or lower(recipient) = lower(:sender))
                        limit 1""")
                .param("c", channel.name())
                .param("e", externalId)
                .param("sender", sender)
                .query(Long.class)
                .optional()
                // Another city's request is nothing this city's inbox can link.
                .flatMap(id -> requests.publicIdOf(jurisdictionId, id));
    }

    /** The Message-ID an email reply queued with this key goes out with. */
    public static String emailMessageId(String key) {
        return "<" + Outbox.digest(key) + "@civic311>";
    }

    /** How long a text is by the channel's own rules: characters on X and Mastodon (links count 23), segments for SMS. */
    public static Length length(Channel channel, String text) {
        return switch (channel) {
            case X -> new Length(PostLength.X.of(text), PostLength.X.limit(), "characters");
            case FEDIVERSE -> new Length(PostLength.FEDIVERSE.of(text), PostLength.FEDIVERSE.limit(), "characters");
            case SMS -> new Length(SmsSegments.of(text), MAX_SMS_SEGMENTS, "SMS segments");
            case EMAIL -> new Length(text.length(), 20_000, "characters");
        };
    }

    /** A text's length in a channel's unit, and the most the channel takes. */
    public record Length(int used, int limit, String unit) {
        public boolean fits() {
            return used <= limit;
        }
    }
}
