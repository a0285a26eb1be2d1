package org.civic311.catalog;

import java.util.List;

/**
 * The outline of a ward: the outer rings of its polygons and the holes cut out of them, in WGS84 longitude/latitude.
 */
public record WardBoundary(String code, String name, List<List<Position>> outerRings, List<List<Position>> holes) {

    /** A point of an outline. */
    public record Position(double longitude, double latitude) {}

    public WardBoundary {
        outerRings = List.copyOf(outerRings);
        holes = List.copyOf(holes);
        if (outerRings.isEmpty()) {
            throw new IllegalArgumentException("ward " + code + " has no outline");
        }
    }
}
