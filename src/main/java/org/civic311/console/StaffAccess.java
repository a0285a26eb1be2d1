package org.civic311.console;

import org.civic311.requests.Actor;
import org.civic311.requests.RequestWork;
import org.civic311.requests.ServiceRequest;
import org.civic311.staff.StaffDirectory;
import org.civic311.staff.StaffMember;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who the signed-in staff member is, and whether they may change a given request. */
@Component
class StaffAccess {

    private final StaffDirectory directory;
    private final RequestWork work;

    StaffAccess(StaffDirectory directory, RequestWork work) {
        this.directory = directory;
        this.work = work;
    }

    StaffMember member(Authentication authentication) {
        return directory.current(authentication);
    }

    /** The request, if the member may change it; department staff work only their own department's queue. */
    ServiceRequest mayWork(StaffMember member, String publicId) {
        ServiceRequest request = work.record(member.jurisdictionId(), publicId).request();
        if (!member.canWork(request.departmentCode())) {
            throw new AccessDeniedException(member.username() + " does not work the queue of request " + publicId);
        }
        return request;
    }

    static Actor actor(StaffMember member, String channel) {
        return new Actor(member.username(), channel);
    }
}
