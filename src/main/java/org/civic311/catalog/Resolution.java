package org.civic311.catalog;

/** How a closed request ended; residents are told the reason in words, staff pick one of these. */
public enum Resolution {
    FIXED,
    NO_ACTION_NEEDED,
    NOT_CITY_RESPONSIBILITY,
    DUPLICATE,
    REFERRED,
    CANNOT_LOCATE
}
