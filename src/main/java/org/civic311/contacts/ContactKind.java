package org.civic311.contacts;

/** How the resident came to the agent. */
public enum ContactKind {
    PHONE_CALL,
    WALK_IN
}
