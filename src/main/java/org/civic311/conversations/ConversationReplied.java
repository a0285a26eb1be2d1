package org.civic311.conversations;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An agent answered the resident in a conversation. Published inside the transaction that queues the reply, so what
 * listens to it commits with the reply or not at all. The automatic 911 guidance is not an agent's answer.
 *
 * @param requestPublicId the service request made from the conversation, or linked to it, if any
 * @param requestFiledHere whether that request was filed from the conversation: its resident is the reporter
 */
public record ConversationReplied(
        String jurisdictionId,
        long conversationId,
        @Nullable String requestPublicId,
        boolean requestFiledHere,
        ConversationChannel channel,
        String agent,
        Instant at) {}
