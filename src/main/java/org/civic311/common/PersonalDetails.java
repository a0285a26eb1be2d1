package org.civic311.common;

import java.util.regex.Pattern;

/**
 * Email addresses and phone numbers that residents and agents write into a description ("call me at 416 555 0199"):
 * staff need them, the public never sees them. What is published is the text with each one replaced by what it was.
 */
public final class PersonalDetails {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

    /**
     * North American numbers in their usual spellings (416-555-0199, (416) 555 0199, +1 416.555.0199), whose area
     * code and exchange never start with 0 or 1, and international ones written with a country code
     * (+33 1 23 45 67 89). Dates (2026-11-20), house numbers, amounts and tracking numbers are shaped otherwise.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(?:\\+?1[\\s.-]?)?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})[\\s.-]?[2-9]\\d{2}[\\s.-]?\\d{4}"
                    + "|\\+\\d{1,3}(?:[\\s.-]?\\d{1,4}){3,6})(?![\\p{L}\\p{N}])");

    private PersonalDetails() {}

    /** The fewest digits a phone number has: "+1000" or "+43.6532" in a description is a count or a coordinate. */
    private static final int PHONE_DIGITS = 8;

    /** The text with email addresses and phone numbers replaced; the same text when it has none. */
    public static String masked(String text) {
        // Most descriptions have neither an @ nor enough digits: they are returned without running the patterns.
        boolean at = text.indexOf('@') >= 0;
        if (!at && text.chars().filter(Character::isDigit).count() < PHONE_DIGITS) {
            return text;
        }
        String masked = at ? EMAIL.matcher(text).replaceAll("[email address]") : text;
        // A North American number always has ten digits; a "+…" with fewer than eight is a count or a coordinate.
        return PHONE.matcher(masked)
                .replaceAll(number ->
                        number.group().chars().filter(Character::isDigit).count() >= PHONE_DIGITS
                                ? "[phone number]"
                                : java.util.regex.Matcher.quoteReplacement(number.group()));
    }
}
