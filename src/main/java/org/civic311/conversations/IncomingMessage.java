package org.civic311.conversations;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resident's message as a channel adapter received it.
 *
 * @param externalId the provider's id of the message (tweet id, Twilio MessageSid, Message-ID, status id)
 * @param threadKey what ties the thread together when the message answers nothing known: the post's id, the phone
 *     number, the Message-ID
 * @param inReplyTo the provider's id of the message this one answers, if any
 * @param author the resident's handle, number or address
 * @param visibility on Mastodon, the visibility a reply keeps
 * @param photosMissing photos the resident sent that could not be fetched from the provider
 * @param automatic sent by a machine on the resident's side (an out-of-office reply, a delivery report): kept in the
 *     conversation, but nothing to answer, to triage or to reopen it for
 */
public record IncomingMessage(
        @Nullable String jurisdictionId,
        ConversationChannel channel,
        String externalId,
        String threadKey,
        @Nullable String inReplyTo,
        String author,
        @Nullable String authorName,
        @Nullable String subject,
        String text,
        Instant at,
        List<byte[]> photos,
        @Nullable String visibility,
        int photosMissing,
        boolean automatic) {

    /** A message a person wrote. */
    public IncomingMessage(
            @Nullable String jurisdictionId,
            ConversationChannel channel,
            String externalId,
            String threadKey,
            @Nullable String inReplyTo,
            String author,
            @Nullable String authorName,
            @Nullable String subject,
            String text,
            Instant at,
            List<byte[]> photos,
            @Nullable String visibility,
            int photosMissing) {
        this(
                jurisdictionId,
                channel,
                externalId,
                threadKey,
                inReplyTo,
                author,
                authorName,
                subject,
                text,
                at,
                photos,
                visibility,
                photosMissing,
                false);
    }

    /** A message a person wrote, whose photos, if any, all arrived. */
    public IncomingMessage(
            @Nullable String jurisdictionId,
            ConversationChannel channel,
            String externalId,
            String threadKey,
            @Nullable String inReplyTo,
            String author,
            @Nullable String authorName,
            @Nullable String subject,
            String text,
            Instant at,
            List<byte[]> photos,
            @Nullable String visibility) {
        this(
                jurisdictionId,
                channel,
                externalId,
                threadKey,
                inReplyTo,
                author,
                authorName,
                subject,
                text,
                at,
                photos,
                visibility,
                0);
    }

    public IncomingMessage {
        // PostgreSQL cannot keep NUL in text; a resident's message is taken without it rather than refused.
        externalId = withoutNul(externalId);
        threadKey = withoutNul(threadKey);
        inReplyTo = inReplyTo == null ? null : withoutNul(inReplyTo);
        author = withoutNul(author);
        authorName = authorName == null ? null : withoutNul(authorName);
        subject = subject == null ? null : withoutNul(subject);
        text = withoutNul(text);
        photos = List.copyOf(photos);
    }

    /** The same message, for the city whose mailbox or account it came to. */
    public IncomingMessage to(@Nullable String jurisdiction) {
        return new IncomingMessage(
                jurisdiction,
                channel,
                externalId,
                threadKey,
                inReplyTo,
                author,
                authorName,
                subject,
                text,
                at,
                photos,
                visibility,
                photosMissing,
                automatic);
    }

    private static String withoutNul(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }
}
