package org.civic311.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A part of the city's administration that handles requests; Open311 calls it the agency responsible.
 *
 * @param managerKey the person in the directory who manages it, when known
 */
public record Department(
        String jurisdictionId,
        String code,
        String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String managerKey) {}
