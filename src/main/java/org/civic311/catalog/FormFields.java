package org.civic311.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * The rules the catalogue's console forms share: each reads a field as typed and names it in the refusal. Names and
 * titles are single lines of plain text, since they travel in Open311 documents and messages that other programs may
 * show unescaped.
 */
final class FormFields {

    /** Codes travel in URLs and files: letters, digits, dots, dashes and underscores. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()./ -]{3,30}(\\s*(x|ext\\.?)\\s*[0-9]{1,6})?");

    private FormFields() {}

    /** A form's fields as a browser posts them: a field left out is empty. */
    static Function<String, String> texts(Function<String, @Nullable String> field) {
        return name -> {
            String value = field.apply(name);
            return value == null ? "" : value;
        };
    }

    /** A box as a browser posts it: unticked, it is left out. */
    static boolean ticked(Function<String, @Nullable String> field, String name) {
        String value = field.apply(name);
        return value != null && (value.equals("true") || value.equals("on"));
    }

    static String code(String field, String value) {
        String code = value.strip();
        if (code.equals("new")) {
            throw new InvalidInputException(field, "cannot be “new”, the address of the form that adds one");
        }
        if (!CODE.matcher(code).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
        return code;
    }

    static String required(String field, String value, int max) {
        String text = line(field, value, max);
        if (text == null) {
            throw new InvalidInputException(field, "is required");
        }
        return text;
    }

    static @Nullable String line(String field, String value, int max) {
        return checked(field, PlainText.singleLine(value), max);
    }

    static @Nullable String optional(String field, String value, int max) {
        return checked(field, PlainText.multiLine(value), max);
    }

    static @Nullable String email(String field, String value) {
        String email = line(field, value, 200);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException(field, "must be an email address such as roads@city.example");
        }
        return email;
    }

    static @Nullable String phone(String field, String value) {
        String phone = line(field, value, 40);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidInputException(
                    field, "must be a phone number such as 416-555-0100 or +1 416 555 0100 x12");
        }
        return phone;
    }

    private static @Nullable String checked(String field, @Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidInputException(field, "may be at most " + max + " characters, not " + text.length());
        }
        if (PlainText.containsMarkup(text)) {
            throw new InvalidInputException(field, "must be plain text, without markup");
        }
        return text;
    }

    static int whole(String field, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max);
        }
        if (number < min || number > max) {
            throw new InvalidInputException(field, "must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", not “" + value + "”");
        }
    }

    /** "what “before” → “after”" when a field changes, for the record of a change. */
    static void changed(java.util.List<String> changes, String what, @Nullable String before, @Nullable String after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.add(what + " “" + (before == null ? "" : before) + "” → “" + (after == null ? "" : after) + "”");
        }
    }
}
