package org.civic311.conversations;

import org.civic311.notifications.Replies;

/** The channels residents write in. Mastodon is one server of the fediverse, and is named for it. */
public enum ConversationChannel {
    EMAIL,
    SMS,
    X,
    FEDIVERSE;

    Replies.Channel replies() {
        return Replies.Channel.valueOf(name());
    }

    /** The channel as staff name it: "email", "Mastodon". */
    public String label() {
        return switch (this) {
            case EMAIL -> "email";
            case SMS -> "SMS";
            case X -> "X";
            case FEDIVERSE -> "Mastodon";
        };
    }

    /** Whether what is written here is public: replies must then never carry personal details. */
    public boolean isPublic() {
        return this == X || this == FEDIVERSE;
    }
}
