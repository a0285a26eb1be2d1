package org.civic311.contacts;

/** Something a contact led to: a service request by its tracking number, or an inquiry by its reference. */
public record ContactLink(Kind kind, String reference) {

    public enum Kind {
        REQUEST,
        INQUIRY
    }
}
