package org.civic311.staff;

/**
 * An administrator disabled a staff account: the person has left, or is away for good. What they held (conversations,
 * say) goes back to their colleagues.
 */
public record StaffAccountDisabled(String jurisdictionId, String username, String by) {}
