package org.civic311.conversations;

import org.jspecify.annotations.Nullable;

/**
 * What the inbox list is narrowed to; every field optional.
 *
 * @param oldestFirst whether the conversations that waited longest come first (open ones worked in order), not the
 *     newest
 */
public record InboxFilter(
        @Nullable ConversationChannel channel,
        @Nullable ConversationStatus status,
        @Nullable String owner,
        @Nullable String language,
        @Nullable Boolean emergency,
        @Nullable Boolean abusive,
        boolean oldestFirst) {

    public InboxFilter(
            @Nullable ConversationChannel channel,
            @Nullable ConversationStatus status,
            @Nullable String owner,
            @Nullable String language,
            @Nullable Boolean emergency,
            @Nullable Boolean abusive) {
        this(channel, status, owner, language, emergency, abusive, false);
    }

    public static InboxFilter all() {
        return new InboxFilter(null, null, null, null, null, null);
    }
}
