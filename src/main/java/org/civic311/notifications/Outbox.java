package org.civic311.notifications;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.civic311.media.MediaStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what is in the outbox. A message is leased while it is sent, so instances share the work without sending
 * the same message at once; it is marked sent only after the mail server accepted it, so a crash mid-send means it
 * is sent again after the restart (at least once). Its Message-ID comes from its idempotency key, so a mail system
 * that sees it twice knows it is the same message.
 */
@Component
class Outbox {

    static final int BATCH = 50;
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mail;
    private final ChannelSenders channels;
    private final NotificationProperties properties;
    private final MediaStore media;
    private final org.civic311.inquiries.Inquiries inquiries;
    private final OptOuts optOuts;
    private final Clock clock;

    /**
     * Hourly retries from the ninth attempt on: a week of trying before giving up, so that a mail server or a
     * provider down over a long weekend delays what residents are told but loses none of it.
     */
    static final int MAX_ATTEMPTS = 8 + 24 * 7;

    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final org.springframework.context.ApplicationEventPublisher events;

    Outbox(
            JdbcClient jdbc,
            ObjectProvider<JavaMailSender> mail,
            ChannelSenders channels,
            NotificationProperties properties,
            MediaStore media,
            org.civic311.inquiries.Inquiries inquiries,
            OptOuts optOuts,
            org.springframework.transaction.support.TransactionTemplate transactions,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock) {
        this.transactions = transactions;
        this.events = events;
        this.media = media;
        this.inquiries = inquiries;
        this.optOuts = optOuts;
        this.jdbc = jdbc;
        this.mail = mail;
        this.channels = channels;
        this.properties = properties;
        this.clock = clock;
    }

    record Pending(
            long id,
            String idempotencyKey,
            String channel,
            String recipient,
            String subject,
            String bodyText,
            @Nullable String bodyHtml,
            @Nullable String visibility,
            int attempts,
            @Nullable String inReplyTo,
            String[] mediaPaths,
            @Nullable String unsubscribeUrl) {}

    @Scheduled(fixedDelayString = "${civic311.jobs.outbox-interval:PT5S}", initialDelayString = "PT5S")
    void scheduled() {
        sendDue();
    }

    /** Sends the messages that are due, one lease each; returns how many went out. */
    int sendDue() {
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            Instant now = clock.instant();
            Instant lease = now.plus(properties.lease());
            Optional<Pending> next = claim(now, lease);
            if (next.isEmpty()) {
                break;
            }
            if (deliver(next.get(), lease)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Leases the next due message. One at a time, so that a lease never outlives the send it covers and another
     * instance cannot take a message this one is still about to send.
     */
    private Optional<Pending> claim(Instant now, Instant lease) {
        return jdbc.sql(
                        """
                        update notification set locked_until = :lease
                        where id = (select id from notification
                                    where sent_at is null and failed_at is null and next_attempt_at <= :now
                                      and (locked_until is null or locked_until < :now)
                                    order by id limit 1 for update skip locked)
                        returning id, idempotency_key, channel, recipient, subject, body_text, body_html, visibility,
                            attempts, in_reply_to, media_paths, unsubscribe_url""")
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(lease))
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        rs.getString("idempotency_key"),
                        rs.getString("channel"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body_text"),
                        rs.getString("body_html"),
                        rs.getString("visibility"),
                        rs.getInt("attempts"),
                        rs.getString("in_reply_to"),
                        (String[]) rs.getArray("media_paths").getArray(),
                        rs.getString("unsubscribe_url")))
                .optional();
    }

    private boolean deliver(Pending message, Instant lease) {
        String unwanted = noLongerWanted(message);
        if (unwanted != null) {
            // Given up on as a refused message is: the module that queued it hears (an agent's reply reopens its
            // conversation).
            giveUp(message, lease, message.attempts(), unwanted);
            return false;
        }
        try {
            String externalId =
                    switch (message.channel()) {
                        case "EMAIL" -> {
                            email(message);
                            // As it went out, so that a resident's answer to it is known by its In-Reply-To.
                            yield Replies.emailMessageId(message.idempotencyKey());
                        }
                        case "SMS" -> channels.sms(message.recipient(), message.bodyText(), publicUrls(message));
                        case "X" -> channels.replyOnX(message.recipient(), message.bodyText(), photos(message));
                        case "FEDIVERSE" ->
                            channels.replyOnMastodon(
                                    message.recipient(),
                                    message.bodyText(),
                                    message.visibility(),
                                    photos(message),
                                    message.idempotencyKey());
                        default -> throw new IllegalStateException("unknown channel " + message.channel());
                    };
            int recorded = jdbc.sql(
                            """
                            update notification set sent_at = :at, attempts = attempts + 1, locked_until = null,
                                last_error = null, external_id = :external
                            where id = :id and locked_until = :lease""")
                    .param("at", Timestamp.from(clock.instant()))
                    .param("external", externalId)
                    .param("id", message.id())
                    .param("lease", Timestamp.from(lease))
                    .update();
            if (recorded == 0) {
                // The send outlasted its lease and another instance took the message over: it may go out twice.
                log.warn(
                        "Notification {} was sent after its lease of {} ended; raise civic311.notifications.lease",
                        message.id(),
                        properties.lease());
            }
            return true;
        } catch (RuntimeException | jakarta.mail.MessagingException | java.io.IOException e) {
            int attempts = message.attempts() + 1;
            boolean refused = e instanceof Undeliverable || refusedRecipient(e);
            if (refused || attempts >= MAX_ATTEMPTS) {
                giveUp(message, lease, attempts, String.valueOf(e.getMessage()));
                return false;
            }
            Duration delay = backoff(attempts);
            log.warn(
                    "Notification {} not sent (attempt {}), retrying in {}: {}",
                    message.id(),
                    attempts,
                    delay,
                    forLog(String.valueOf(e.getMessage())));
            jdbc.sql(
                            """
                            update notification set attempts = :attempts, next_attempt_at = :next,
                                locked_until = null, last_error = :error
                            where id = :id and locked_until = :lease""")
                    .param("attempts", attempts)
                    .param("next", Timestamp.from(clock.instant().plus(delay)))
                    .param("error", String.valueOf(e.getMessage()))
                    .param("id", message.id())
                    .param("lease", Timestamp.from(lease))
                    .update();
            return false;
        }
    }

    /**
     * Whether the mail server refused the recipient itself ("550 no such user"), which no retry changes. Spring's
     * mail sender reports it inside its own exception, one refusal per message, not as the mail API's.
     */
    static boolean refusedRecipient(Throwable e) {
        if (e instanceof org.springframework.mail.MailSendException sending) {
            return sending.getFailedMessages().values().stream().anyMatch(Outbox::refusedRecipient)
                    || (e.getCause() != null && refusedRecipient(e.getCause()));
        }
        if (e instanceof jakarta.mail.SendFailedException failed
                && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            return mailboxRefused(failed);
        }
        return e.getCause() != null && e.getCause() != e && refusedRecipient(e.getCause());
    }

    /**
     * Whether the server's words refuse the mailbox ("550 5.1.1 no such user") rather than the sender: a relay not
     * allowed ("554 5.7.1"), a misconfigured server, refuses every recipient alike and is tried again, not given up.
     */
    private static boolean mailboxRefused(jakarta.mail.MessagingException failed) {
        boolean mailbox = false;
        for (Exception said = failed;
                said != null;
                said = said instanceof jakarta.mail.MessagingException m ? m.getNextException() : null) {
            String text = String.valueOf(said.getMessage());
            if (text.contains("5.7.")) {
                return false;
            }
            mailbox |= text.contains("5.1.") || text.matches("(?s)\\s*55[013][ -].*");
        }
        return mailbox;
    }

    /**
     * Why a message still waiting (the provider or the mail server was down) must no longer go, or null: a text
     * message to a number that texted STOP since, or an alert that a callback is due, at risk or broken once the
     * callback was recorded (it would tell its reader that none is).
     */
    private @Nullable String noLongerWanted(Pending message) {
        if (message.channel().equals("SMS") && optOuts.stopped(message.recipient())) {
            return "not sent: the number texted STOP";
        }
        String key = message.idempotencyKey();
        for (String alert : List.of(
                "promise-nearing:",
                "promise-nearing-stand-in:",
                "promise-covered:",
                "promise-handed-over:",
                "promise-at-risk:",
                "promise-broken:")) {
            // The promise's number, then for some alerts ":" and the person it went to.
            if (key.startsWith(alert)
                    && !inquiries.stillOwed(
                            Long.parseLong(key.substring(alert.length()).split(":", 2)[0]))) {
                return "no longer needed: the callback was recorded or the promise withdrawn";
            }
        }
        return null;
    }

    /**
     * A provider's or mail server's refusal as the log keeps it: without the number or address it names ("The 'To'
     * number +1416… is not valid"). Logs outlive erasure and retention; the notification's row keeps it whole until
     * those clear it.
     */
    static String forLog(String error) {
        return org.civic311.common.PersonalDetails.masked(error);
    }

    /** No more attempts; the module that queued the message is told, in the same transaction as the mark. */
    private void giveUp(Pending message, Instant lease, int attempts, String reason) {
        log.warn("Notification {} given up after {} attempts: {}", message.id(), attempts, forLog(reason));
        transactions.executeWithoutResult(status -> {
            int marked = jdbc.sql(
                            """
                            update notification set attempts = :attempts, failed_at = :at, locked_until = null,
                                last_error = :error
                            where id = :id and locked_until = :lease""")
                    .param("attempts", attempts)
                    .param("at", Timestamp.from(clock.instant()))
                    .param("error", reason)
                    .param("id", message.id())
                    .param("lease", Timestamp.from(lease))
                    .update();
            if (marked == 1) {
                events.publishEvent(new MessageUndeliverable(message.idempotencyKey(), message.channel(), reason));
            }
        });
    }

    /** The reply's photos, read from the media store; a photo no longer there is left out. */
    private java.util.List<MediaStore.MediaFile> photos(Pending message) {
        return java.util.Arrays.stream(message.mediaPaths())
                .map(media::find)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** Twilio fetches an MMS's photos itself, from the public address of the media store. */
    private java.util.List<String> publicUrls(Pending message) {
        String site = properties.publicUrl().toString().replaceAll("/+$", "");
        return java.util.Arrays.stream(message.mediaPaths())
                .map(path -> site + path)
                .toList();
    }

    static Duration backoff(int attempts) {
        Duration delay = Duration.ofSeconds(15).multipliedBy(1L << Math.min(attempts - 1, 12));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private void email(Pending pending) throws jakarta.mail.MessagingException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("mail is not configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, pending.bodyHtml() != null, "UTF-8");
        helper.setFrom(properties.from());
        if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
            helper.setReplyTo(properties.replyTo());
        }
        helper.setTo(pending.recipient());
        helper.setSubject(pending.subject());
        java.util.List<MediaStore.MediaFile> attached = photos(pending);
        if (!attached.isEmpty() && pending.bodyHtml() == null) {
            // A reply with photos is a multipart message: rebuild the helper for it.
            helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
                helper.setReplyTo(properties.replyTo());
            }
            helper.setTo(pending.recipient());
            helper.setSubject(pending.subject());
        }
        if (pending.bodyHtml() != null) {
            helper.setText(pending.bodyText(), pending.bodyHtml());
        } else {
            helper.setText(pending.bodyText());
        }
        for (MediaStore.MediaFile file : attached) {
            helper.addAttachment(
                    file.file().getFileName().toString(),
                    new org.springframework.core.io.FileSystemResource(file.file()),
                    file.contentType());
        }
        message.saveChanges();
        message.setHeader("Message-ID", Replies.emailMessageId(pending.idempotencyKey()));
        if (pending.inReplyTo() != null) {
            // A reply to a resident's email stays in their thread.
            message.setHeader("In-Reply-To", pending.inReplyTo());
            message.setHeader("References", pending.inReplyTo());
        }
        if (pending.unsubscribeUrl() != null) {
            // The mail program's own "unsubscribe", which posts to the link at once (RFC 8058).
            message.setHeader("List-Unsubscribe", "<" + pending.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        sender.send(message);
    }

    static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
