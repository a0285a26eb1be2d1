package org.civic311.staff;

import org.jspecify.annotations.Nullable;

/**
 * An administrator moved a staff account to another department (or out of one): what they held in the queue they
 * left goes back to it, since they can no longer open it there.
 *
 * @param from the department they left
 * @param to the department they are in now, or null for none
 */
public record StaffAccountMoved(String jurisdictionId, String username, String from, @Nullable String to, String by) {}
