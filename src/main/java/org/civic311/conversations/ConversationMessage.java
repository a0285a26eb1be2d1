package org.civic311.conversations;

import java.time.Instant;
import java.util.List;
import org.civic311.triage.TriageResult;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation, in or out.
 *
 * @param maskedText the text with abusive words masked, for every view but the triage
 * @param triage what triage read in an incoming message
 * @param automatic a reply Civic311 sent by itself (the 911 guidance)
 * @param outboxKey for a reply, the outbox entry that sends it
 * @param visibility on Mastodon, who could see the message (a reply keeps it)
 */
public record ConversationMessage(
        long id,
        Direction direction,
        @Nullable String externalId,
        String author,
        String text,
        String maskedText,
        Instant at,
        @Nullable TriageResult triage,
        boolean automatic,
        @Nullable String outboxKey,
        @Nullable String visibility,
        List<Photo> photos,
        int photosMissing) {

    public ConversationMessage {
        photos = List.copyOf(photos);
    }

    public enum Direction {
        IN,
        OUT
    }

    /**
     * A photo sent with a message: its public copy (no EXIF) and where it was taken, when the original said so.
     */
    public record Photo(String path, String contentType, @Nullable Double latitude, @Nullable Double longitude) {}
}
