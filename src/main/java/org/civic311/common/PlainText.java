package org.civic311.common;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cleans text that people type before it is stored: control characters (NUL among them, which PostgreSQL refuses),
 * lone surrogates and the non-characters U+FFFE and U+FFFF are dropped, line breaks are one character, surrounding
 * white space is trimmed, and blank means absent.
 */
public final class PlainText {

    // Lone surrogates and U+FFFE/U+FFFF are no text at all: no document (XML, JSON to a strict reader) may carry them.
    private static final Pattern CONTROL_EXCEPT_LINE_BREAKS =
            Pattern.compile("[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}&&[^\\n\\r\\t]]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cs}\\x{FFFE}\\x{FFFF}]");
    /** A tag as a browser reads one: "<" and the tag's name at once ("< b" is no tag, but words and a sign). */
    // A ready answer's blanks: a word or a few (no figures: "[or 416-392-2489]" is an aside) in square or curly
    // brackets, or a line to write on; never the marks Civic311 writes itself where it masked something ("[address]").
    private static final Pattern BLANK = Pattern.compile(
            "\\[(?!(?:address|unit|name|email address|phone number)])[\\p{L} _/-]{1,40}]|\\{[\\p{L} _/-]{1,40}}|_{3,}");

    private static final Pattern MARKUP = Pattern.compile("</?[a-zA-Z!][^<>]*>");

    /** What people put in angle brackets that is no tag: an address, "Jane <jane@example.org>", or a link. */
    private static final Pattern BRACKETED_ADDRESS = Pattern.compile(
            "<(?:[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}.-]+|(?:https?|mailto):(?![^<>]*[/\\s\"']on[a-z]+=)[^<>\\s\"]+)>",
            Pattern.CASE_INSENSITIVE);

    private PlainText() {}

    /** Text that may run over several lines, or null when blank. */
    public static @Nullable String multiLine(@Nullable String text) {
        if (text == null) {
            return null;
        }
        // A line break is one character, however it was sent: a browser counts one and sends CR LF.
        String cleaned = CONTROL_EXCEPT_LINE_BREAKS
                .matcher(text.replace("\r\n", "\n").replace('\r', '\n'))
                .replaceAll("")
                .strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Text on one line (line breaks become spaces), or null when blank. */
    public static @Nullable String singleLine(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String cleaned = CONTROL.matcher(text.replaceAll("[\\r\\n\\t]+", " "))
                .replaceAll("")
                .strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /**
     * What is left unwritten in a message to a resident, if anything: a ready answer sent before it was finished, its
     * opening ("Here is why:") without the reason after it, or a blank a city's answer leaves to fill in ("[date]",
     * "{reason}", "____").
     *
     * @return the problem, to name to its writer, or null when the message is finished
     */
    public static @Nullable String unfinished(String text) {
        if (text.stripTrailing().endsWith(":")) {
            return "ends with a colon, where what the resident is owed goes: finish it before it is sent";
        }
        java.util.regex.Matcher blank = BLANK.matcher(text);
        if (blank.find()) {
            return "still holds the blank " + blank.group() + " to fill in: finish it before it is sent";
        }
        return null;
    }

    /** Whether the text contains HTML or XML markup, which fields meant for plain text refuse. */
    public static boolean containsMarkup(String text) {
        return MARKUP.matcher(BRACKETED_ADDRESS.matcher(text).replaceAll(" ")).find();
    }
}
