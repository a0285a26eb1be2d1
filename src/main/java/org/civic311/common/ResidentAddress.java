package org.civic311.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a resident is found in the records: an email address (compared without case; a Mastodon account,
 * "user@instance", is found this way too), a phone number (compared on its last ten digits, so "416-555-0123" is
 * "+14165550123", and "416-555-0123 x23" too), or an account on X, written "x:name" or "@name" (its screen name or numeric id, compared without
 * case, a direct message's thread "dm:id" included).
 */
public record ResidentAddress(String value, Kind kind) {

    /** A phone number as a caller gives it, with an extension if they have one ("416-555-0101 x23"). */
    public static final Pattern PHONE_AS_GIVEN = Pattern.compile(
            "\\+?[0-9 ().\\-]{7,25}(?:\\s*(?:x|ext\\.?|extension|poste)\\s*[0-9]{1,6})?", Pattern.CASE_INSENSITIVE);

    // The desk, not the line: the same as the database's phone_key (common migration V20261124_1810).
    private static final Pattern EXTENSION =
            Pattern.compile("\\s*(?:x|ext\\.?|extension|poste)\\s*[0-9]{1,6}\\s*$", Pattern.CASE_INSENSITIVE);

    /** What kind of address it is, which says which columns can hold it. */
    public enum Kind {
        EMAIL,
        PHONE,
        ACCOUNT,
        /** The id an app sent with a report (Open311's device_id or account_id), for reports made from an app alone. */
        DEVICE
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
        if (lower.startsWith("device:")) {
            String id = clean.substring("device:".length()).strip();
            if (!id.matches("[A-Za-z0-9._:-]{1,200}")) {
                throw new InvalidInputException(
                        "address", "a device is named by the id its app sent, such as device:3F2504E0-4F89-11D3");
            }
            return new ResidentAddress(id.toLowerCase(Locale.ROOT), Kind.DEVICE);
        }
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
        String line = EXTENSION.matcher(clean).replaceFirst("");
        String digits = line.replaceAll("\\D", "");
        if (digits.length() < 10 || digits.length() > 15 || !line.matches("[0-9+().\\s-]+")) {
            throw new InvalidInputException(
                    "address",
                    "must be an email address, a phone number with its area code, an account on X (x:name) or the id"
                            + " an app sent (device:id)");
        }
        return new ResidentAddress(phoneKey(line), Kind.PHONE);
    }

    /**
     * The digits a phone number is known by, as the database's {@code phone_key} gives them: the last ten, whatever its
     * punctuation, country code or extension.
     */
    public static String phoneKey(String phone) {
        String digits = EXTENSION.matcher(phone).replaceFirst("").replaceAll("\\D", "");
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }

    /**
     * An SQL condition true when the column holds this address, to use with the parameter {@code :resident} bound to
     * {@link #value()}.
     */
    public String matches(String column) {
        return switch (kind) {
            case EMAIL -> "lower(" + column + ") = :resident";
            // Written as the phone indexes are (request_reporter_phone_key, inquiry_caller_phone_key), to use them.
            case PHONE -> "phone_key(" + column + ") = :resident";
            case ACCOUNT -> "(lower(" + column + ") = :resident or lower(" + column + ") = 'dm:' || :resident)";
            case DEVICE -> "lower(" + column + ") = :resident";
        };
    }

    /** The same for a column that holds the id an app sent (a reporter's device id): false for any other kind. */
    public String matchesDevice(String column) {
        return kind == Kind.DEVICE ? matches(column) : "false";
    }

    /**
     * The same for a column that holds only accounts (a reporter's account id): an account on X, or one on Mastodon,
     * which is written as an email address is; false for a phone number.
     */
    public String matchesAccount(String column) {
        return kind == Kind.PHONE ? "false" : matches(column);
    }
}
