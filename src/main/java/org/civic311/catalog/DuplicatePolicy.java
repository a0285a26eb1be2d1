package org.civic311.catalog;

/**
 * How a service type recognises the same problem reported again.
 *
 * @param duplicateRadiusMetres open requests of the type this close are offered as possible duplicates
 * @param repeatThreshold this many reports (open or closed) at one place within the window make a repeat problem
 * @param repeatWindowDays the window, in days
 * @param repeatRadiusMetres reports this close count as the same place (as does the same address)
 */
public record DuplicatePolicy(
        int duplicateRadiusMetres, int repeatThreshold, int repeatWindowDays, int repeatRadiusMetres) {

    public static final DuplicatePolicy STANDARD = new DuplicatePolicy(50, 3, 60, 15);

    public DuplicatePolicy {
        if (duplicateRadiusMetres < 0 || repeatRadiusMetres < 0 || repeatThreshold < 2 || repeatWindowDays < 1) {
            throw new IllegalArgumentException("duplicate policy out of range");
        }
    }
}
