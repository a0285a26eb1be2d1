package org.civic311.console;

import org.civic311.inquiries.Acting;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Who the signed-in staff member is, and whether they may change a given request. */
@Component
class StaffAccess {

    private final StaffDirectory directory;
    private final RequestWork work;
    private final TransactionTemplate transaction;

    StaffAccess(StaffDirectory directory, RequestWork work, TransactionTemplate transaction) {
        this.directory = directory;
        this.work = work;
        this.transaction = transaction;
    }

    StaffMember member(Authentication authentication) {
        return directory.current(authentication);
    }

    /**
     * Runs a change to a request in one transaction with the check that the member may work it: the request is
     * locked first, so a transfer made meanwhile cannot let someone change another department's request.
     */
    void change(StaffMember member, String publicId, Runnable change) {
        transaction.executeWithoutResult(status -> {
            String department =
                    work.lockForChange(member.jurisdictionId(), publicId).orElse(null);
            if (!member.canWork(department)) {
                throw new AccessDeniedException(member.username() + " does not work the queue of request " + publicId);
            }
            change.run();
        });
    }

    /** The request, if the member may change it; department staff work only their own department's queue. */
    ServiceRequest mayWork(StaffMember member, String publicId) {
        ServiceRequest request = work.request(member.jurisdictionId(), publicId);
        if (!member.canWork(request.departmentCode())) {
            throw new AccessDeniedException(member.username() + " does not work the queue of request " + publicId);
        }
        return request;
    }

    static Actor actor(StaffMember member, String channel) {
        return new Actor(member.username(), channel);
    }

    /** The member as inquiries see them: supervisors and administrators oversee promises and follow-ups. */
    static Acting acting(StaffMember member) {
        return new Acting(member.username(), member.personKey(), member.oversees());
    }
}
