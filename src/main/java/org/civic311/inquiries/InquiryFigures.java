package org.civic311.inquiries;

import java.time.LocalDate;

/**
 * One local day of inquiries and callback promises.
 *
 * @param opened inquiries logged that day
 * @param promisesDue callback promises whose deadline fell that day
 * @param kept of those, called back in time
 * @param broken of those, past their deadline without a callback (or called back late)
 */
public record InquiryFigures(LocalDate day, int opened, int promisesDue, int kept, int broken) {

    /** Promises of the day still waiting for their callback, deadline not yet passed. */
    public int pending() {
        return promisesDue - kept - broken;
    }
}
