package org.civic311.inquiries;

/** How a caller wants to be reached. */
public enum ContactChannel {
    PHONE,
    EMAIL,
    SMS
}
