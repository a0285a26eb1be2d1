package org.civic311.requests;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which requests to list. Identifiers, when given, select exactly those requests and every other criterion is
 * ignored. Results come newest first.
 *
 * @param closed true for closed requests only, false for open ones, null for both
 * @param area a box or a circle the request's point must lie in
 * @param wardCode the ward the request lies in
 */
public record RequestSearch(
        String jurisdictionId,
        List<String> publicIds,
        List<String> serviceCodes,
        @Nullable Boolean closed,
        @Nullable Instant requestedFrom,
        @Nullable Instant requestedTo,
        @Nullable Instant updatedFrom,
        @Nullable Instant updatedTo,
        @Nullable Area area,
        @Nullable String wardCode,
        int offset,
        int limit) {

    public RequestSearch {
        publicIds = List.copyOf(publicIds);
        serviceCodes = List.copyOf(serviceCodes);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + " are out of range");
        }
    }

    /** A part of the map. */
    public sealed interface Area {}

    /** Longitudes and latitudes of a box's corners. */
    public record Box(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude)
            implements Area {}

    /** A centre and a radius in metres. */
    public record Circle(double latitude, double longitude, double radiusMetres) implements Area {

        private static final double METRES_PER_DEGREE = 111_320;

        /** The box around the circle, for the index to narrow down before the exact distance is computed. */
        Box bounds() {
            double dLat = radiusMetres / METRES_PER_DEGREE;
            double cos = Math.max(Math.cos(Math.toRadians(latitude)), 0.01);
            double dLon = radiusMetres / (METRES_PER_DEGREE * cos);
            return new Box(longitude - dLon, latitude - dLat, longitude + dLon, latitude + dLat);
        }
    }
}
