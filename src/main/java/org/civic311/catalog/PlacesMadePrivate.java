package org.civic311.catalog;

/**
 * A service type's places became private (reports of it are about someone's home): the requests already reported as
 * that type take their photos out of public view, as those of a report filed as one start.
 */
public record PlacesMadePrivate(String jurisdictionId, String serviceCode, String actor) {}
