package org.civic311.triage;

import java.util.Optional;

/** Finds the position of an address or intersection of a jurisdiction. */
public interface Geocoder {

    /** A position in WGS84. */
    record Position(double latitude, double longitude) {}

    Optional<Position> locate(String jurisdictionId, String address);
}
