package org.civic311.requests;

import java.util.List;

/**
 * A place's recent history for one service type, shown before a new report is filed.
 *
 * @param openNearby open requests of the type within the duplicate radius, nearest first
 * @param earlierReports reports of the type at the place within the repeat window, open or closed
 * @param newestEarlier the tracking numbers of the newest of those
 * @param repeatThreshold from how many reports in the window the problem counts as a repeat problem
 */
public record PlaceHistory(
        List<ServiceRequest> openNearby,
        int earlierReports,
        List<String> newestEarlier,
        int repeatThreshold,
        int repeatWindowDays) {

    public PlaceHistory {
        openNearby = List.copyOf(openNearby);
        newestEarlier = List.copyOf(newestEarlier);
    }

    /** Whether one more report here makes it a repeat problem. */
    public boolean nextIsRepeat() {
        return earlierReports + 1 >= repeatThreshold;
    }
}
