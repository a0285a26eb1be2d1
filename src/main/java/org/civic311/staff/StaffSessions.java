package org.civic311.staff;

/** How long a staff session lasts unused: a shift, so that the console is not lost in the middle of one. */
public final class StaffSessions {

    /** Eight hours, in seconds: the session store's setting and what the pages warn against. */
    public static final int UNUSED_SECONDS = 8 * 3600;

    private StaffSessions() {}
}
