package org.civic311.triage;

/** The kinds of emergency that 311 sends to 911 at once. */
public enum EmergencyKind {
    FIRE_SMOKE,
    GAS,
    POWER_LINE,
    MEDICAL,
    FLOODING_DANGER,
    PERSON_IN_DANGER,
    VIOLENCE_THREAT,
    CAR_CRASH,
    STRUCTURAL_COLLAPSE
}
