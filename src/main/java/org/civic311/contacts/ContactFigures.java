package org.civic311.contacts;

import java.time.LocalDate;

/** The contacts of one day and kind, with their median handling time in seconds. */
public record ContactFigures(LocalDate day, ContactKind kind, int contacts, long medianSeconds) {}
