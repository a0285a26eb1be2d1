package org.civic311.triage;

/** How abusive a text is. */
public enum Severity {
    NONE,
    /** Profanity aimed at no one ("this f***ing pothole"): masked in public. */
    MILD,
    /** Insults aimed at staff or people. */
    OFFENSIVE,
    /** Slurs, threats of violence, harassment. */
    SEVERE
}
