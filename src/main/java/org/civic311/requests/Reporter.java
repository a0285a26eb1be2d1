package org.civic311.requests;

import org.jspecify.annotations.Nullable;

/**
 * Who made a request and how to reach them. Never part of any public view of the request.
 *
 * @param deviceId the identifier of the reporting mobile device, if the app sent one
 * @param accountId the reporter's account in the client application, if any
 */
public record Reporter(
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String deviceId,
        @Nullable String accountId) {

    /** The most characters intake keeps of a first or of a last name. */
    public static final int MAX_NAME = 100;

    /**
     * A reporter named as another record names them (an email's display name, a caller's name as the agent typed
     * it): split at the first space, each part cut to what intake keeps, so that a long name never stops a report
     * nobody can correct on the way.
     */
    public static Reporter named(
            @Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String accountId) {
        String first = null;
        String last = null;
        if (name != null && !name.isBlank()) {
            String written = name.strip();
            int space = written.indexOf(' ');
            first = cut(space < 0 ? written : written.substring(0, space));
            last = space < 0 ? null : cut(written.substring(space + 1).strip());
        }
        return new Reporter(first, last, email, phone, null, accountId);
    }

    private static String cut(String part) {
        if (part.length() <= MAX_NAME) {
            return part;
        }
        // Never inside a character written as two UTF-16 units.
        int end = Character.isHighSurrogate(part.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
        return part.substring(0, end);
    }

    public static Reporter anonymous() {
        return new Reporter(null, null, null, null, null, null);
    }

    public boolean isAnonymous() {
        return firstName == null
                && lastName == null
                && email == null
                && phone == null
                && deviceId == null
                && accountId == null;
    }
}
