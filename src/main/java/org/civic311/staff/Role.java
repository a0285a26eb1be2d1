package org.civic311.staff;

/** What a staff member may do. */
public enum Role {
    /** Answers residents at 311: takes calls, creates requests and inquiries, routes what comes back. */
    AGENT,
    /** Leads agents; sees every queue. */
    SUPERVISOR,
    /** Works a department's queue. */
    DEPARTMENT_STAFF,
    /** Manages a department: its queue, its escalations. */
    DEPARTMENT_MANAGER,
    /** Configures Civic311. */
    ADMINISTRATOR;

    /** How people name the role. */
    public String label() {
        return switch (this) {
            case AGENT -> "311 agent";
            case SUPERVISOR -> "311 supervisor";
            case DEPARTMENT_STAFF -> "Department staff";
            case DEPARTMENT_MANAGER -> "Department manager";
            case ADMINISTRATOR -> "Administrator";
        };
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
