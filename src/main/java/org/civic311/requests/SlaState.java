package org.civic311.requests;

/** Where an open request stands against its service level target. */
public enum SlaState {
    ON_TRACK,
    NEARING,
    BREACHED
}
