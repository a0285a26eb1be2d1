package org.civic311.requests;

import java.util.List;

/**
 * A place's recent history for one service type, shown before a new report is filed.
 *
 * @param openNearby open requests of the type within the duplicate radius, nearest first
 * @param earlierReports reports of the type at the place within the repeat window, open or closed
 * @param newestEarlier the tracking numbers of the newest of those
 * @param repeatThreshold from how many reports in the window the problem counts as a repeat problem
 * @param supervisorAlerted whether the area's supervisor was told of the repeat problem within the window and it is
 *     still open: one more report is counted, but alerts nobody again
 */
public record PlaceHistory(
        List<ServiceRequest> openNearby,
        int earlierReports,
        List<String> newestEarlier,
        int repeatThreshold,
        int repeatWindowDays,
        boolean supervisorAlerted) {

    public PlaceHistory {
        openNearby = List.copyOf(openNearby);
        newestEarlier = List.copyOf(newestEarlier);
    }

    /** Whether one more report here makes it a repeat problem. */
    public boolean nextIsRepeat() {
        return earlierReports + 1 >= repeatThreshold;
    }
}
