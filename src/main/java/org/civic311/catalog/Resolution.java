package org.civic311.catalog;

/** How a closed request ended; residents are told the reason in words, staff pick one of these. */
public enum Resolution {
    FIXED,
    NO_ACTION_NEEDED,
    NOT_CITY_RESPONSIBILITY,
    DUPLICATE,
    REFERRED,
    CANNOT_LOCATE;

    /** Those staff choose when closing: a duplicate is closed by linking it to the request it repeats instead. */
    public static java.util.List<Resolution> chosenOnClosing() {
        return java.util.Arrays.stream(values()).filter(r -> r != DUPLICATE).toList();
    }
}
