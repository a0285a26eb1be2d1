package org.civic311.console;

import org.civic311.inquiries.Acting;
import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
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

    /** Who works a department's queue, to assign its requests to by account (their "Mine" lists them). */
    java.util.List<StaffMember> queueStaff(
            String jurisdictionId, @org.jspecify.annotations.Nullable String department) {
        return department == null ? java.util.List.of() : directory.ofDepartment(jurisdictionId, department);
    }

    /**
     * Runs a change to a request in one transaction with the check that the member may work it: the request is
     * locked first, so a transfer made meanwhile cannot let someone change another department's request.
     */
    void change(StaffMember member, String publicId, Runnable change) {
        locked(member, publicId, false, change);
    }

    /**
     * A change 311 makes for a caller on any department's request (reopening one closed but not fixed), as well as
     * those who work its queue; under the request's lock, like every change.
     */
    void answer(StaffMember member, String publicId, Runnable change) {
        locked(member, publicId, true, change);
    }

    private void locked(StaffMember member, String publicId, boolean contactCentreToo, Runnable change) {
        transaction.executeWithoutResult(status -> {
            allowed(
                    member,
                    publicId,
                    work.lockForChange(member.jurisdictionId(), publicId).orElse(null),
                    contactCentreToo);
            change.run();
        });
    }

    private static void allowed(
            StaffMember member,
            String publicId,
            @org.jspecify.annotations.Nullable String department,
            boolean contactCentreToo) {
        if (!member.canWork(department) && !(contactCentreToo && member.canRoute())) {
            throw new AccessDeniedException(member.username() + " does not work the queue of request " + publicId);
        }
    }

    /**
     * A request's page as the member may read it: whole for those who work its queue or route requests, and for
     * another department's staff without who reported or follows it and without internal notes.
     */
    org.civic311.requests.StaffRecord page(StaffMember member, String publicId) {
        org.civic311.requests.StaffRecord record = work.record(member.jurisdictionId(), publicId);
        return mayReadAll(member, record) ? record : record.withoutPersonalDetails();
    }

    static boolean mayReadAll(StaffMember member, org.civic311.requests.StaffRecord record) {
        return member.canWork(record.request().departmentCode()) || member.canRoute();
    }

    static Actor actor(StaffMember member, String channel) {
        return new Actor(member.username(), channel);
    }

    /** The member reviewing knowledge articles: 311's overseers every department's, a manager their own's. */
    static org.civic311.knowledge.Reviewer reviewer(StaffMember member) {
        return new org.civic311.knowledge.Reviewer(member.username(), member.departmentCode(), member.oversees());
    }

    /** The member as inquiries see them: supervisors and administrators oversee promises and follow-ups. */
    static Acting acting(StaffMember member) {
        return new Acting(member.username(), member.personKey(), member.oversees());
    }
}
