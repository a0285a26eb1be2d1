package org.civic311.staff;

/**
 * A secret offered to a staff member's authenticator app, not yet in use.
 *
 * @param secret the Base32 secret, to type into the app
 * @param uri the {@code otpauth://} link that adds it to the app in one step
 */
public record TwoStepEnrolment(String secret, String uri) {}
