package org.civic311.staff;

import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends a person's open sessions once a change to their account has committed: ended before, a sign-in in between
 * would read the account as it was and keep that for hours. The session of the request making the change is kept,
 * so that someone changing their own account is not signed out halfway through the answer.
 */
@Component
class SignedInSessions {

    private final JdbcIndexedSessionRepository sessions;

    SignedInSessions(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    void endAfterCommit(String username) {
        // Without creating one: a staff API call has no session.
        var session = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? servlet.getRequest().getSession(false)
                : null;
        String current = session == null ? null : session.getId();
        Runnable end = () -> sessions.findByPrincipalName(username).keySet().stream()
                .filter(id -> !id.equals(current))
                .forEach(sessions::deleteById);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    end.run();
                }
            });
        } else {
            end.run();
        }
    }
}
