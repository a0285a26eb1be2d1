package org.civic311.conversations;

import org.jspecify.annotations.Nullable;

/** What the inbox list is narrowed to; every field optional. */
public record InboxFilter(
        @Nullable ConversationChannel channel,
        @Nullable ConversationStatus status,
        @Nullable String owner,
        @Nullable String language,
        @Nullable Boolean emergency,
        @Nullable Boolean abusive) {

    public static InboxFilter all() {
        return new InboxFilter(null, null, null, null, null, null);
    }
}
