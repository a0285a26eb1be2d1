package org.civic311.conversations;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/** An agent signing out lets go of the conversations they hold, for whoever is on to answer. */
@Component
class HoldsAtSignOut {

    private final Inbox inbox;

    HoldsAtSignOut(Inbox inbox) {
        this.inbox = inbox;
    }

    @EventListener
    void on(LogoutSuccessEvent signedOut) {
        inbox.releaseAll(signedOut.getAuthentication().getName());
    }
}
