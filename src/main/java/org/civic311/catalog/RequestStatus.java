package org.civic311.catalog;

/**
 * A status a jurisdiction uses for its requests. Each is typed open or closed: Open311 shows only that, Civic311 keeps
 * the finer status.
 *
 * @param initial whether new requests start in this status (exactly one per jurisdiction)
 */
public record RequestStatus(String code, String name, boolean closed, boolean initial) {}
