package org.civic311.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.civic311.conversations.Conversation;
import org.civic311.conversations.ConversationChannel;
import org.civic311.conversations.ConversationMessage;
import org.civic311.conversations.ConversationStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which photos a resident sent to the city alone, and so stay with staff when filed with a request. */
class InboxPhotoPrivacyTests {

    static Conversation conversation(ConversationChannel channel, @Nullable String visibility) {
        return new Conversation(
                1,
                "toronto.ca",
                channel,
                "thread",
                "resident",
                null,
                null,
                visibility,
                ConversationStatus.OPEN,
                null,
                null,
                "en",
                null,
                false,
                null,
                false,
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                List.of());
    }

    static ConversationMessage message(@Nullable String visibility) {
        return new ConversationMessage(
                1,
                ConversationMessage.Direction.IN,
                "post-1",
                "resident",
                "Bins out again",
                "Bins out again",
                Instant.EPOCH,
                null,
                false,
                null,
                visibility,
                List.of(),
                0);
    }

    @Test
    void aPhotoIsPrivateUnlessItWasPostedForAnyoneToSee() {
        assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.EMAIL, null), message(null)))
                .isTrue();
        assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.SMS, null), message(null)))
                .isTrue();
        assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.X, null), message(null)))
                .as("a mention on X")
                .isFalse();
        assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.X, "direct"), message(null)))
                .as("a direct message on X")
                .isTrue();
        for (String open : new String[] {"public", "unlisted"}) {
            assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.FEDIVERSE, null), message(open)))
                    .as(open)
                    .isFalse();
        }
        for (String closed : new String[] {"private", "direct"}) {
            assertThat(InboxScreens.sentPrivately(conversation(ConversationChannel.FEDIVERSE, null), message(closed)))
                    .as("a post for " + closed)
                    .isTrue();
        }
    }
}
