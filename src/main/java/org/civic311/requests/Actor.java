package org.civic311.requests;

/**
 * Who made a change, and through which channel: a staff member's user name on the web or the API, or the system.
 */
public record Actor(String name, String channel) {

    public static Actor system() {
        return new Actor("system", "system");
    }
}
