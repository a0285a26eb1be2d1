package org.civic311.console;

import org.civic311.conversations.ConversationReplied;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An agent's reply in a conversation goes on the audit trail of the request made from it or linked to it. A reply to
 * the resident who filed it answers the reporter, and the first answer is the request's first response; a reply in a
 * conversation linked afterwards answers someone following it. Synchronous, in the reply's own transaction.
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
                    replied.requestFiledHere(),
                    where(replied.channel()));
        }
    }

    /** "on SMS": where a reply went, as the request's history says it. */
    static String where(org.civic311.conversations.ConversationChannel channel) {
        return "on "
                + switch (channel) {
                    case EMAIL -> "email";
                    case SMS -> "SMS";
                    case X -> "X";
                    case FEDIVERSE -> "Mastodon";
                };
    }
}
