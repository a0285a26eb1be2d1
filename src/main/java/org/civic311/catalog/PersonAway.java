package org.civic311.catalog;

import java.time.LocalDate;

/** Someone of the directory is away until a day (their last), and a stand-in covers them: published as it is recorded. */
public record PersonAway(String jurisdictionId, String personKey, LocalDate until, String standIn) {}
