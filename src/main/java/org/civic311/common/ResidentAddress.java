package org.civic311.common;

import java.util.Locale;

/**
 * How a resident is found in the records: an email address (compared without case) or a phone number (compared on
 * its last ten digits, so "416-555-0123" is "+14165550123").
 */
public record ResidentAddress(String value, boolean email) {

    /**
     * @throws InvalidInputException naming the address field when it is neither an email address nor a phone number
     */
    public static ResidentAddress of(@org.jspecify.annotations.Nullable String given) {
        String clean = given == null ? "" : given.strip();
        if (clean.contains("@")) {
            if (!clean.matches("[^@\\s]+@[^@\\s]+") || clean.length() > 320) {
                throw new InvalidInputException("address", "is not an email address");
            }
            return new ResidentAddress(clean.toLowerCase(Locale.ROOT), true);
        }
        String digits = clean.replaceAll("\\D", "");
        if (digits.length() < 10 || digits.length() > 15 || !clean.matches("[0-9+().\\s-]+")) {
            throw new InvalidInputException("address", "must be an email address or a phone number with its area code");
        }
        return new ResidentAddress(digits.length() > 10 ? digits.substring(digits.length() - 10) : digits, false);
    }

    /**
     * An SQL condition true when the column holds this address, to use with the parameter {@code :resident} bound to
     * {@link #value()}.
     */
    public String matches(String column) {
        if (email) {
            return "lower(" + column + ") = :resident";
        }
        return "right(regexp_replace(" + column + ", '[^0-9]', '', 'g'), 10) = :resident";
    }
}
