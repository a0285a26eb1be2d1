package org.civic311.console;

import java.util.Collection;

/** The rule by which a ready text (a ready answer, a reply starter) fills a box: never over what staff wrote. */
final class ReadyTexts {

    private ReadyTexts() {}

    /**
     * Whether the box holds words of the staff member's own: not empty, and not one of the ready texts left as it was.
     * A textarea sends its lines with LF; a ready text saved from a form keeps the CRLF it was typed with.
     */
    static boolean writtenOver(String typed, Collection<String> ready) {
        return !typed.isBlank() && ready.stream().noneMatch(text -> lines(text).equals(lines(typed)));
    }

    private static String lines(String text) {
        return text.replaceAll("\r\n?", "\n").strip();
    }
}
