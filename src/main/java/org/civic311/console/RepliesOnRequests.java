package org.civic311.console;

import org.civic311.conversations.ConversationReplied;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An agent's reply in a conversation goes on the audit trail of the request made from it: the resident was answered,
 * and the first answer is the request's first response. Synchronous, in the reply's own transaction.
 */
@Component
class RepliesOnRequests {

    private final RequestWork work;

    RepliesOnRequests(RequestWork work) {
        this.work = work;
    }

    @EventListener
    void on(ConversationReplied replied) {
        if (replied.requestPublicId() != null) {
            work.recordReply(
                    replied.jurisdictionId(),
                    replied.requestPublicId(),
                    new Actor(replied.agent(), "inbox"),
                    "on "
                            + switch (replied.channel()) {
                                case EMAIL -> "email";
                                case SMS -> "SMS";
                                case X -> "X";
                                case FEDIVERSE -> "Mastodon";
                            });
        }
    }
}
