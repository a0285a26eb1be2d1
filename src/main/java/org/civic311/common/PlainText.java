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
     * Whether a message to a resident stops where its writer was to go on: a ready answer's opening ("Here is why:")
     * sent before the reason was written after it.
     */
    public static boolean endsUnfinished(String text) {
        return text.stripTrailing().endsWith(":");
    }

    /** Whether the text contains HTML or XML markup, which fields meant for plain text refuse. */
    public static boolean containsMarkup(String text) {
        return MARKUP.matcher(BRACKETED_ADDRESS.matcher(text).replaceAll(" ")).find();
    }
}
