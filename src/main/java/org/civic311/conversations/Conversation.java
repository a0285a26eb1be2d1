package org.civic311.conversations;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A thread with a resident in one channel.
 *
 * @param owner the agent who holds it; only they reply
 * @param composingBy who is writing a reply right now, if anyone
 * @param emergency the kind of emergency its messages reported, if any
 * @param requestPublicId the service request made from it, or linked to it
 * @param requestFiledHere whether that request was filed from this conversation, rather than linked to it
 */
public record Conversation(
        long id,
        String jurisdictionId,
        ConversationChannel channel,
        String threadKey,
        String resident,
        @Nullable String residentName,
        @Nullable String subject,
        @Nullable String visibility,
        ConversationStatus status,
        @Nullable String owner,
        @Nullable String composingBy,
        @Nullable String language,
        @Nullable String emergency,
        boolean abusive,
        @Nullable String requestPublicId,
        boolean requestFiledHere,
        Instant createdAt,
        Instant lastMessageAt,
        @Nullable String lastText,
        List<ConversationMessage> messages) {

    public Conversation {
        messages = List.copyOf(messages);
    }

    /**
     * Whether an agent has answered the resident's latest message (the automatic 911 guidance does not count, nor
     * does the resident's mail program answering by itself).
     */
    public boolean isAnswered() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ConversationMessage message = messages.get(i);
            if (message.direction() == ConversationMessage.Direction.IN) {
                if (message.automatic()) {
                    continue;
                }
                return false;
            }
            if (!message.automatic()) {
                return true;
            }
        }
        return false;
    }
}
