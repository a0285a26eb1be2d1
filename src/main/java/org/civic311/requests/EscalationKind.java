package org.civic311.requests;

/** Why a request was taken to a supervisor. */
public enum EscalationKind {
    SLA_BREACH,
    REPEAT_PROBLEM
}
