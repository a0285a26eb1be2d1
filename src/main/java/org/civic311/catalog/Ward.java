package org.civic311.catalog;

/** An electoral ward or district of a jurisdiction, found for a request by the point it was reported at. */
public record Ward(String jurisdictionId, String code, String name) {}
