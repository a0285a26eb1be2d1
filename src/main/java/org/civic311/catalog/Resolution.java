package org.civic311.catalog;

/** How a closed request ended; residents are told the reason in words, staff pick one of these. */
public enum Resolution {
    FIXED,
    NO_ACTION_NEEDED,
    NOT_CITY_RESPONSIBILITY,
    DUPLICATE,
    REFERRED,
    CANNOT_LOCATE;

    /** As staff read it on the screens, where the code alone ("NOT_CITY_RESPONSIBILITY") reads as a fault. */
    public String label() {
        return switch (this) {
            case FIXED -> "Fixed";
            case NO_ACTION_NEEDED -> "No action needed";
            case NOT_CITY_RESPONSIBILITY -> "Not the City's responsibility";
            case DUPLICATE -> "Duplicate of another report";
            case REFERRED -> "Referred to another agency";
            case CANNOT_LOCATE -> "Cannot locate";
        };
    }

    /** Those staff choose when closing: a duplicate is closed by linking it to the request it repeats instead. */
    public static java.util.List<Resolution> chosenOnClosing() {
        return java.util.Arrays.stream(values()).filter(r -> r != DUPLICATE).toList();
    }
}
