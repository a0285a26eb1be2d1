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
