package org.civic311.console;

import org.civic311.conversations.Conversation;
import org.civic311.conversations.ConversationMessage;
import org.civic311.conversations.Inbox;
import org.civic311.notifications.Replies;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;

/**
 * A reply to a conversation measured as it will go: with what the channel adds (a Mastodon handle, an email's
 * signature block) and the writer's sign-off, by the channel's own rules.
 */
record ReplyMeasure(Inbox inbox, Conversation conversation, @Nullable ConversationMessage answered, String signOff) {

    static ReplyMeasure of(Inbox inbox, StaffDirectory directory, StaffMember writer, Conversation conversation) {
        return new ReplyMeasure(
                inbox,
                conversation,
                inbox.latestIncoming(conversation).orElse(null),
                directory.profile(writer.username()).orElseThrow().signOff());
    }

    Replies.Length of(String draft) {
        return Replies.length(
                Replies.Channel.valueOf(conversation.channel().name()),
                answered == null ? draft : inbox.compose(conversation, answered, draft, signOff));
    }

    /** The composer filled with a ready text (a starter, an answer), its count swapped out of band. */
    String intoComposer(String draft, Model model) {
        model.addAttribute("conversation", conversation);
        model.addAttribute("draft", draft);
        model.addAttribute("starterResult", true);
        model.addAttribute("length", of(draft));
        return "staff/conversation :: starterResult";
    }
}
