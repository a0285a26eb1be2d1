package org.civic311.requests;

import java.util.List;

/**
 * What an import did: how many requests were added, how many were already there, and every row refused with why.
 */
public record ImportReport(int imported, int alreadyPresent, List<Rejection> rejected) {

    /** A row that was not loaded. */
    public record Rejection(int row, String publicId, String reason) {}
}
