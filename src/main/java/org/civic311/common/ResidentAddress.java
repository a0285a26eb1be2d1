package org.civic311.common;

import java.util.Locale;

/**
 * How a resident is found in the records: an email address (compared without case; a Mastodon account,
 * "user@instance", is found this way too), a phone number (compared on its last ten digits, so "416-555-0123" is
 * "+14165550123"), or an account on X, written "x:name" or "@name" (its screen name or numeric id, compared without
 * case, a direct message's thread "dm:id" included).
 */
public record ResidentAddress(String value, Kind kind) {

    /** What kind of address it is, which says which columns can hold it. */
    public enum Kind {
        EMAIL,
        PHONE,
        ACCOUNT
    }

    /** Whether it is an email address (or a Mastodon account, written the same way). */
    public boolean email() {
        return kind == Kind.EMAIL;
    }

    /**
     * @throws InvalidInputException naming the address field when it is neither an email address, a phone number nor
     *     an account
     */
    public static ResidentAddress of(@org.jspecify.annotations.Nullable String given) {
        String clean = given == null ? "" : given.strip();
        String lower = clean.toLowerCase(Locale.ROOT);
        boolean handle = clean.startsWith("@") && clean.indexOf('@', 1) < 0;
        if (lower.startsWith("x:") || handle) {
            String account = (handle ? clean.substring(1) : clean.substring(2)).strip();
            account = account.startsWith("@") ? account.substring(1) : account;
            if (!account.matches("[A-Za-z0-9_]{1,50}")) {
                throw new InvalidInputException(
                        "address", "an account on X is its screen name or numeric id, such as x:cityfan or @cityfan");
            }
            return new ResidentAddress(account.toLowerCase(Locale.ROOT), Kind.ACCOUNT);
        }
        if (clean.contains("@")) {
            if (!clean.matches("[^@\\s]+@[^@\\s]+") || clean.length() > 320) {
                throw new InvalidInputException("address", "is not an email address");
            }
            return new ResidentAddress(lower, Kind.EMAIL);
        }
        String digits = clean.replaceAll("\\D", "");
        if (digits.length() < 10 || digits.length() > 15 || !clean.matches("[0-9+().\\s-]+")) {
            throw new InvalidInputException(
                    "address",
                    "must be an email address, a phone number with its area code, or an account on X (x:name)");
        }
        return new ResidentAddress(digits.length() > 10 ? digits.substring(digits.length() - 10) : digits, Kind.PHONE);
    }

    /**
     * An SQL condition true when the column holds this address, to use with the parameter {@code :resident} bound to
     * {@link #value()}.
     */
    public String matches(String column) {
        return switch (kind) {
            case EMAIL -> "lower(" + column + ") = :resident";
            // Written as the phone indexes are (request_reporter_phone_key, inquiry_caller_phone_key), to use them.
            case PHONE -> "right(regexp_replace(" + column + ", '\\D', '', 'g'), 10) = :resident";
            case ACCOUNT -> "(lower(" + column + ") = :resident or lower(" + column + ") = 'dm:' || :resident)";
        };
    }

    /**
     * The same for a column that holds only accounts (a reporter's account id): an account on X, or one on Mastodon,
     * which is written as an email address is; false for a phone number.
     */
    public String matchesAccount(String column) {
        return kind == Kind.PHONE ? "false" : matches(column);
    }
}
