package org.civic311.conversations;

import org.jspecify.annotations.Nullable;

/**
 * What the inbox list is narrowed to; every field optional.
 *
 * @param oldestFirst whether the conversations that waited longest come first (open ones worked in order), not the
 *     newest
 * @param words what was typed in the search box: a resident's name, handle, email address or phone number (however
 *     written), words of what was written either way, or the tracking number of the request filed from it
 */
public record InboxFilter(
        @Nullable ConversationChannel channel,
        @Nullable ConversationStatus status,
        @Nullable String owner,
        @Nullable String language,
        @Nullable Boolean emergency,
        @Nullable Boolean abusive,
        boolean oldestFirst,
        @Nullable String words) {

    /** The longest search the inbox takes: a sentence, not a document. */
    public static final int MAX_WORDS = 200;

    public InboxFilter {
        words = words == null || words.isBlank() ? null : words.strip();
        if (words != null && words.length() > MAX_WORDS) {
            throw new org.civic311.common.InvalidInputException("q", "is longer than " + MAX_WORDS + " characters");
        }
    }

    public InboxFilter(
            @Nullable ConversationChannel channel,
            @Nullable ConversationStatus status,
            @Nullable String owner,
            @Nullable String language,
            @Nullable Boolean emergency,
            @Nullable Boolean abusive) {
        this(channel, status, owner, language, emergency, abusive, false, null);
    }

    public static InboxFilter all() {
        return new InboxFilter(null, null, null, null, null, null);
    }
}
