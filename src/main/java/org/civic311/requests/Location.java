package org.civic311.requests;

import org.jspecify.annotations.Nullable;

/**
 * Where a problem is: a point, an address as a person wrote it, an identifier in the city's address register, or
 * several of these.
 */
public record Location(
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String address,
        @Nullable String addressId,
        @Nullable String zipcode) {

    public boolean hasPoint() {
        return latitude != null && longitude != null;
    }

    public boolean placesNothing() {
        return !hasPoint() && address == null && addressId == null;
    }
}
