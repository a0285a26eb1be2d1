package org.civic311.requests;

/** The way a resident reached the city. */
public enum Channel {
    PHONE,
    WALK_IN,
    WEB,
    /** A mobile or third-party application through the Open311 API. */
    OPEN311,
    EMAIL,
    SMS,
    SOCIAL,
    /** Loaded from another system's archive. */
    IMPORT
}
