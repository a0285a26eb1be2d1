package org.civic311.conversations;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the city's 311 mailbox by IMAP: each unread message becomes an incoming message, threaded by its
 * {@code In-Reply-To} and {@code References}, with its image attachments; it is marked read only once it is stored.
 */
@Component
class EmailPoller {

    private static final Logger log = LoggerFactory.getLogger(EmailPoller.class);
    /** More text than any resident writes; the rest of a longer part is not read. */
    static final int MAX_TEXT = 1 << 20;

    static final int MAX_ATTACHMENT = 10 * 1024 * 1024;

    private final Inbox inbox;
    private final InboxProperties properties;
    private final java.time.Clock clock;

    private final org.civic311.common.PeriodClaims claims;
    private final org.civic311.notifications.Replies replies;

    EmailPoller(
            Inbox inbox,
            InboxProperties properties,
            java.time.Clock clock,
            org.civic311.common.PeriodClaims claims,
            org.civic311.notifications.Replies replies) {
        this.replies = replies;
        this.inbox = inbox;
        this.properties = properties;
        this.clock = clock;
        this.claims = claims;
    }

    @Scheduled(fixedDelayString = "${civic311.inbox.email.every:PT30S}", initialDelayString = "PT15S")
    void scheduled() {
        // One instance reads the mailbox each period: the others would only find the same mail already taken in.
        if (properties.email().host() != null
                && claims.claim(
                        "inbox-email", clock.instant(), properties.email().every())) {
            try {
                poll();
            } catch (MessagingException | RuntimeException e) {
                log.warn("Mailbox poll failed, retried at the next: {}", e.getMessage());
            }
        }
    }

    /** Takes in the unread messages; returns how many were new. */
    int poll() throws MessagingException {
        InboxProperties.Email email = properties.email();
        Properties settings = new Properties();
        String protocol = email.ssl() ? "imaps" : "imap";
        settings.put("mail.store.protocol", protocol);
        settings.put("mail." + protocol + ".connectiontimeout", "10000");
        settings.put("mail." + protocol + ".timeout", "30000");
        // Reading a message must not mark it read: only one taken in is, so one that fails stays for the next poll.
        settings.put("mail." + protocol + ".peek", "true");
        Session session = Session.getInstance(settings);
        int fresh = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(email.host(), email.port(), email.username(), email.password());
            Folder folder = store.getFolder(email.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    try {
                        if (receive(message, email.jurisdiction())) {
                            fresh++;
                        }
                        message.setFlag(Flags.Flag.SEEN, true);
                    } catch (MessagingException | RuntimeException e) {
                        // Left unread in the mailbox, where nothing is lost; the others are read meanwhile.
                        log.warn("Mail {} not taken in, left unread: {}", message.getMessageNumber(), e.getMessage());
                        unread(message);
                    }
                }
            } finally {
                folder.close(false);
            }
        }
        return fresh;
    }

    /** Marks a message unread again, should a server have marked it read when its body was fetched. */
    private static void unread(Message message) {
        try {
            message.setFlag(Flags.Flag.SEEN, false);
        } catch (MessagingException e) {
            log.warn("Mail {} could not be marked unread: {}", message.getMessageNumber(), e.getMessage());
        }
    }

    /** Whether the message names who sent it, so that it can be answered. */
    static boolean hasSender(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress;
    }

    /**
     * Takes in one message, however it arrived (IMAP or the SMTP endpoint), for the city the mailbox serves (null:
     * the only one); true when it was new.
     */
    boolean receive(Message message, @Nullable String jurisdiction) throws MessagingException {
        IncomingMessage incoming = read(message, clock.instant());
        if (incoming == null) {
            log.info("Mail without a sender skipped");
            return false;
        }
        // A delivery report that a mail of ours failed for good (not a delay, not a success): that mail never reached
        // its recipient, and its sender hears so. Only for the address it was sent to, as the report names it.
        if (incoming.automatic()
                && incoming.inReplyTo() != null
                && org.civic311.notifications.Replies.OWN_MESSAGE_ID
                        .matcher(incoming.inReplyTo())
                        .matches()) {
            List<String> failed = failedRecipients(message);
            if (!failed.isEmpty()) {
                replies.returned(
                        incoming.inReplyTo(),
                        failed,
                        "returned by the mail system: "
                                + java.util.Objects.requireNonNullElse(
                                        org.civic311.common.PlainText.singleLine(message.getSubject()), "undelivered"));
            }
        }
        return inbox.receive(incoming.to(jurisdiction)).isNew();
    }

    /**
     * The recipients a delivery report (RFC 3464) says a mail failed for, for good: "Action: failed", or a permanent
     * status (5.x.x). A delay, a success or a person's automatic answer names none.
     */
    static List<String> failedRecipients(Part message) throws MessagingException {
        List<String> failed = new ArrayList<>();
        try {
            collectFailures(message, failed, 0);
        } catch (IOException | RuntimeException e) {
            // A report that cannot be read says nothing for certain: the mail is kept, nothing is marked.
            log.info("Delivery report not read: {}", e.toString());
            return List.of();
        }
        return failed;
    }

    private static void collectFailures(Part part, List<String> failed, int depth)
            throws MessagingException, IOException {
        if (depth > 5) {
            return;
        }
        if (part.isMimeType("multipart/report") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectFailures(multipart.getBodyPart(i), failed, depth + 1);
            }
        } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            String status;
            try (InputStream in = part.getInputStream()) {
                status = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            }
            // One block per recipient, after the block about the message: blank lines between them.
            for (String block : status.replace("\r\n", "\n").split("\n\\s*\n")) {
                java.util.regex.Matcher recipient = FINAL_RECIPIENT.matcher(block);
                if (recipient.find()
                        && (FAILED_ACTION.matcher(block).find()
                                || PERMANENT_STATUS.matcher(block).find())) {
                    failed.add(recipient.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
    }

    private static final java.util.regex.Pattern FINAL_RECIPIENT = java.util.regex.Pattern.compile(
            "(?im)^(?:final|original)-recipient:\\s*[a-z0-9-]+;\\s*<?([^\\s<>]+@[^\\s<>]+?)>?\\s*$");
    private static final java.util.regex.Pattern FAILED_ACTION =
            java.util.regex.Pattern.compile("(?im)^action:\\s*failed\\b");
    private static final java.util.regex.Pattern PERMANENT_STATUS =
            java.util.regex.Pattern.compile("(?im)^status:\\s*5\\.\\d{1,3}\\.\\d{1,3}\\b");

    /**
     * Mail as it came over SMTP, parsed; one Jakarta Mail cannot parse (its headers begin with a folded line, with no
     * header before it) is a MessagingException, refused as such, not an unchecked one.
     */
    static jakarta.mail.internet.MimeMessage parse(jakarta.mail.Session session, byte[] data)
            throws MessagingException {
        try {
            return new jakarta.mail.internet.MimeMessage(session, new java.io.ByteArrayInputStream(data));
        } catch (RuntimeException e) {
            throw new MessagingException("unreadable message: " + e, e);
        }
    }

    /**
     * What a mail says, read apart from the inbox: null when it names no sender to answer.
     *
     * @throws MessagingException when the mail cannot be read, which the endpoint refuses
     */
    static @Nullable IncomingMessage read(Message message, java.time.Instant now) throws MessagingException {
        try {
            return readParsed(message, now);
        } catch (RuntimeException e) {
            // Jakarta Mail's parser throws unchecked exceptions on some broken headers and bodies (an index out of
            // bounds on a folded header line with nothing before it): a mail it cannot read is refused, not a crash.
            throw new MessagingException("unreadable message: " + e, e);
        }
    }

    private static @Nullable IncomingMessage readParsed(Message message, java.time.Instant now)
            throws MessagingException {
        String messageId = header(message, "Message-ID");
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            return null;
        }
        String inReplyTo = header(message, "In-Reply-To");
        String references = header(message, "References");
        // The thread is named by its first message: the first of References, or this message itself.
        String thread =
                references != null ? references.trim().split("\\s+")[0] : inReplyTo != null ? inReplyTo : messageId;
        Content content = new Content();
        try {
            read(message, content);
        } catch (IOException e) {
            throw new MessagingException("unreadable message " + messageId, e);
        }
        String author = sender.getAddress().toLowerCase(java.util.Locale.ROOT);
        boolean automatic = automatic(message, author);
        if (automatic && (content.returned != null || inReplyTo == null)) {
            // A delivery report names the mail it returns in the copy or the headers it encloses, rather than in its
            // own In-Reply-To.
            String returned = content.returned != null ? content.returned : ownMessageIdIn(content.text());
            if (returned != null) {
                inReplyTo = returned;
                thread = references != null ? thread : returned;
            }
        }
        if (messageId == null) {
            // Named by what it says: a redelivery is recognised, two different mails never merge.
            messageId = "<" + sender.getAddress() + "-" + message.getSentDate() + "-"
                    + digest(message.getSubject() + "\n" + content.text()) + ">";
            thread = thread == null ? messageId : thread;
        }
        // Kept in the order Civic311 took it in: the Date header is the sender's clock, and one running behind would
        // put a new message before the reply it follows, and show it answered. (The mailbox's arrival time would too,
        // for mail that arrived before an agent's reply and was polled after it.)
        return new IncomingMessage(
                null,
                ConversationChannel.EMAIL,
                messageId,
                thread,
                inReplyTo,
                author,
                sender.getPersonal(),
                message.getSubject(),
                QuotedReply.newWords(content.text(), message.getSubject()),
                now,
                content.photos,
                null,
                content.notKept,
                automatic);
    }

    private static @Nullable String ownMessageIdIn(String text) {
        // The returned mail's own Message-ID line first: its In-Reply-To and References name ours too (the thread of
        // a request's mails), and a mail system may put them before it.
        java.util.regex.Matcher header = RETURNED_MESSAGE_ID.matcher(text);
        if (header.find()) {
            return header.group(1);
        }
        java.util.regex.Matcher own = org.civic311.notifications.Replies.OWN_MESSAGE_ID.matcher(text);
        return own.find() ? own.group() : null;
    }

    private static final java.util.regex.Pattern RETURNED_MESSAGE_ID = java.util.regex.Pattern.compile(
            "(?im)^Message-ID:\\s*(" + org.civic311.notifications.Replies.OWN_MESSAGE_ID.pattern() + ")");

    /**
     * Mail a machine sent (RFC 3834's auto-replies, delivery reports, list mail): it is kept where it belongs, but
     * answering it, even with the 911 guidance, could start two machines answering each other.
     */
    static boolean automatic(Message message, String sender) throws MessagingException {
        String submitted = header(message, "Auto-Submitted");
        if (submitted != null && !submitted.trim().equalsIgnoreCase("no")) {
            return true;
        }
        String precedence = header(message, "Precedence");
        if (precedence != null
                && java.util.Set.of("bulk", "junk", "list", "auto_reply")
                        .contains(precedence.trim().toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        for (String marker : new String[] {"X-Autoreply", "X-Autorespond", "X-Autogenerated"}) {
            if (header(message, marker) != null) {
                return true;
            }
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.trim().equals("<>")) {
            return true;
        }
        String mailbox = sender.substring(0, Math.max(0, sender.indexOf('@')));
        return mailbox.equals("mailer-daemon")
                || mailbox.equals("postmaster")
                || message.isMimeType("multipart/report");
    }

    /** The plain text (or the HTML made plain) and the image attachments of a message. */
    private static final class Content {
        @Nullable
        String plain;

        @Nullable
        String html;

        final List<byte[]> photos = new ArrayList<>();

        /** Attachments not kept: a photo too large, a document, a video. The agent is told they were sent. */
        int notKept;

        /** The Message-ID of ours a delivery report encloses (the returned mail, or its headers), if any. */
        @Nullable
        String returned;

        String text() {
            if (plain != null) {
                return plain;
            }
            return html == null ? "" : MastodonPoller.text(html);
        }
    }

    /** Parts that sign a message rather than being sent by the resident. */
    private static final java.util.Set<String> SIGNATURES = java.util.Set.of(
            "application/pgp-signature",
            "application/pkcs7-signature",
            "application/x-pkcs7-signature",
            "application/pgp-keys",
            "application/ms-tnef");

    private static String contentType(Part part) throws MessagingException {
        String type = part.getContentType();
        return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static void read(Part part, Content content) throws MessagingException, IOException {
        if (part.isMimeType("message/rfc822")
                || part.isMimeType("text/rfc822-headers")
                || part.isMimeType("message/global")
                || part.isMimeType("message/global-headers")) {
            // What a delivery report encloses of the mail it returns: read for its Message-ID, never as the text.
            if (content.returned == null) {
                String enclosed;
                try (InputStream in = part.getInputStream()) {
                    enclosed = new String(in.readNBytes(MAX_TEXT), java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                content.returned = ownMessageIdIn(enclosed);
            }
            return;
        }
        if (part.isMimeType("multipart/*")) {
            if (!(part.getContent() instanceof Multipart multipart)) {
                return; // declared multipart, but without parts that can be told apart
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                read(child, content);
            }
        } else if (part.isMimeType("image/*")) {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_ATTACHMENT + 1);
                if (bytes.length <= MAX_ATTACHMENT) {
                    content.photos.add(bytes);
                } else {
                    content.notKept++;
                }
            }
        } else if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            // Mail programs that put a photo between two paragraphs send the text in two parts: both are the message.
            String text = text(part);
            content.plain = content.plain == null ? text : content.plain + "\n\n" + text;
        } else if (part.isMimeType("text/html") && content.html == null) {
            content.html = text(part);
        } else if (!part.isMimeType("text/*")
                && !part.isMimeType("message/*")
                && !SIGNATURES.contains(contentType(part))) {
            // A delivery report's status part is the mail system's, not something the resident sent.
            content.notKept++;
        }
    }

    /**
     * A text part's words. Residents' mail programs name charsets that do not exist or none at all; the text is then
     * read as UTF-8, losing a few accents rather than the message.
     */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            if (part.getContent() instanceof String text) {
                return text;
            }
        } catch (java.io.UnsupportedEncodingException | RuntimeException unknownCharset) {
            // read below
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_TEXT), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        // A header present but empty names nothing: two such mails must not pass for one another.
        String value = values == null || values.length == 0 ? "" : values[0].trim();
        return value.isEmpty() ? null : value;
    }
}
