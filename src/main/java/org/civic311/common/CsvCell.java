package org.civic311.common;

import org.jspecify.annotations.Nullable;

/** A value written as a cell of a CSV file that people open in a spreadsheet: the open data, staff's reports. */
public final class CsvCell {

    private CsvCell() {}

    /**
     * Written first in a file staff open in a spreadsheet: without it, one opened with a double click is read in the
     * computer's old code page, and accented names come out garbled.
     */
    public static final String BYTE_ORDER_MARK = "\uFEFF";

    /**
     * A CSV cell as RFC 4180 quotes it. A text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
     * return first) is prefixed with an apostrophe, so that opening the file runs nothing.
     */
    public static String of(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
