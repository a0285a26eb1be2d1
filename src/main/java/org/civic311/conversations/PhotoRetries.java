package org.civic311.conversations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos a resident sent that the provider could not give at the time are fetched again, a few times over about an
 * hour, and join their message when they come; the message says how many are still missing. Claimed one at a time
 * through the database, so that instances share the work and a photo is added once.
 */
@Component
class PhotoRetries {

    private static final Logger log = LoggerFactory.getLogger(PhotoRetries.class);

    /** Tries after the first: at 1, 2, 4, 8, 16 and 32 minutes, then given up. */
    static final int MAX_ATTEMPTS = 6;

    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final PhotoFetcher photos;
    private final Inbox inbox;
    private final InboxProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PhotoRetries(
            JdbcClient jdbc,
            PhotoFetcher photos,
            Inbox inbox,
            InboxProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.jdbc = jdbc;
        this.photos = photos;
        this.inbox = inbox;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Asks for the photos at these addresses to be fetched again for the message. */
    void schedule(Inbox.Received received, ConversationChannel channel, List<String> urls) {
        if (!received.isNew()) {
            return;
        }
        Instant first = clock.instant().plus(Duration.ofMinutes(1));
        for (String url : urls) {
            jdbc.sql(
                            """
                            insert into conversation_photo_retry (message_id, channel, url, next_attempt_at)
                            values (:m, :channel, :url, :at)""")
                    .param("m", received.messageId())
                    .param("channel", channel.name())
                    .param("url", url)
                    .param("at", Timestamp.from(first))
                    .update();
        }
    }

    @Scheduled(fixedDelayString = "${civic311.jobs.photo-retry-interval:PT30S}", initialDelayString = "PT30S")
    void scheduled() {
        retryDue();
    }

    /** Tries each photo that is due once; returns how many joined their message. */
    int retryDue() {
        int kept = 0;
        for (int i = 0; i < 20; i++) {
            Optional<Due> due = claim();
            if (due.isEmpty()) {
                break;
            }
            if (retry(due.get())) {
                kept++;
            }
        }
        return kept;
    }

    private record Due(long id, long messageId, ConversationChannel channel, String url, int attempts) {}

    private Optional<Due> claim() {
        Instant now = clock.instant();
        return jdbc.sql(
                        """
                        update conversation_photo_retry set next_attempt_at = :lease
                        where id = (select id from conversation_photo_retry where next_attempt_at <= :now
                                    order by next_attempt_at limit 1 for update skip locked)
                        returning id, message_id, channel, url, attempts""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(now.plus(LEASE)))
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getLong("message_id"),
                        ConversationChannel.valueOf(rs.getString("channel")),
                        rs.getString("url"),
                        rs.getInt("attempts")))
                .optional();
    }

    private boolean retry(Due due) {
        PhotoFetcher.Attempt attempt = photos.attempt(due.url(), credentials(due.channel()));
        int attempts = due.attempts() + 1;
        return Boolean.TRUE.equals(transaction.execute(status -> {
            // Under the conversation's lock, which an erasure takes too: never a photo added to, or a retry left on,
            // a resident erased meanwhile; and two photos of one message are added one after the other.
            boolean erased = jdbc.sql(
                            """
                            select c.resident like '(erased)%' from conversation c
                            join conversation_message m on m.conversation_id = c.id where m.id = :m
                            for update of c""")
                    .param("m", due.messageId())
                    .query(Boolean.class)
                    .optional()
                    .orElse(true);
            if (erased) {
                jdbc.sql("delete from conversation_photo_retry where message_id = :m")
                        .param("m", due.messageId())
                        .update();
                return false;
            }
            if (attempt.photo() == null && attempt.worthRetrying() && attempts < MAX_ATTEMPTS) {
                jdbc.sql(
                                "update conversation_photo_retry set attempts = :attempts, next_attempt_at = :at where id = :id")
                        .param("attempts", attempts)
                        .param("at", Timestamp.from(clock.instant().plus(Duration.ofMinutes(1L << attempts))))
                        .param("id", due.id())
                        .update();
                return false;
            }
            // Done, if still wanted: an erasure meanwhile takes the row away with the resident's words.
            boolean wanted = jdbc.sql("delete from conversation_photo_retry where id = :id")
                            .param("id", due.id())
                            .update()
                    == 1;
            if (!wanted) {
                return false;
            }
            if (attempt.photo() != null) {
                return inbox.keepLatePhoto(due.messageId(), attempt.photo());
            }
            log.info("Photo of message {} given up after {} attempts", due.messageId(), attempts);
            return false;
        }));
    }

    /** Twilio's media are read with the account's credentials; the others' are public addresses. */
    private @Nullable String credentials(ConversationChannel channel) {
        return channel == ConversationChannel.SMS ? properties.sms().authorization() : null;
    }
}
