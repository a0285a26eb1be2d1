package org.civic311.staff;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to Civic311.
 *
 * @param departmentCode the department whose queue they work, for department staff and managers
 * @param personKey their entry in the people directory, if they have one
 */
public record StaffMember(
        String username,
        String displayName,
        String title,
        Set<Role> roles,
        String jurisdictionId,
        @Nullable String departmentCode,
        @Nullable String personKey) {

    public StaffMember {
        roles = Set.copyOf(roles);
    }

    /** Whether they may change requests in this department's queue (or, with null, those returned to 311). */
    public boolean canWork(@Nullable String department) {
        if (oversees()) {
            return true;
        }
        if (department == null) {
            return roles.contains(Role.AGENT);
        }
        return (roles.contains(Role.DEPARTMENT_STAFF) || roles.contains(Role.DEPARTMENT_MANAGER))
                && department.equals(departmentCode);
    }

    /** Whether they oversee 311's work: supervisors and administrators. */
    public boolean oversees() {
        return roles.contains(Role.SUPERVISOR) || roles.contains(Role.ADMINISTRATOR);
    }

    /** Whether they administer the jurisdiction's set-up, such as its Open311 API keys. */
    public boolean administers() {
        return roles.contains(Role.ADMINISTRATOR);
    }

    /** Whether they may route requests between departments (311 agents and supervisors do). */
    public boolean canRoute() {
        return roles.contains(Role.AGENT) || roles.contains(Role.SUPERVISOR) || roles.contains(Role.ADMINISTRATOR);
    }
}
