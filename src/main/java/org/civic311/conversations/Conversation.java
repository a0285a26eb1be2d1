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
     * Whether the 911 guidance went out by itself. It does not to a machine's mail (a form's relay, an auto-reply),
     * though the emergency is flagged all the same.
     */
    public boolean guidanceSent() {
        return messages.stream().anyMatch(m -> m.direction() == ConversationMessage.Direction.OUT && m.automatic());
    }

    /** Whether the message was written in private: a direct message, on X or Mastodon. */
    public boolean isDirect(ConversationMessage message) {
        return "direct".equals(message.visibility()) || "direct".equals(visibility);
    }

    /**
     * Where a reply to the message goes, and a request's updates after it: the resident's number or address by SMS and
     * email; on X a direct message's conversation ("dm:<sender id>") or the post; on Mastodon the post.
     */
    public String replyAddress(ConversationMessage answered) {
        return switch (channel) {
            case X -> isDirect(answered) ? threadKey : java.util.Objects.requireNonNull(answered.externalId());
            case FEDIVERSE -> java.util.Objects.requireNonNull(answered.externalId());
            case SMS, EMAIL -> resident;
        };
    }

    /** How widely a reply to the message is seen: no more widely than the message it answers. */
    public @Nullable String replyVisibility(ConversationMessage answered) {
        return answered.visibility() != null ? answered.visibility() : visibility;
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
