package org.civic311.inquiries;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param callbackHours the default time to a callback, per department code, in working hours of the city's calendar
 * @param defaultCallbackHours the default for departments not listed
 * @param nearing how long before its deadline a pending promise alerts its owner
 * @param atRisk how long before its deadline a promise still pending alerts the agents' supervisor too
 * @param followUpAfter how long after a callback the follow-up is due with the first agent: whole days as working
 *     days, the rest as working time
 */
@ConfigurationProperties("civic311.inquiries")
record InquiryProperties(
        @DefaultValue Map<String, Integer> callbackHours,
        @DefaultValue("4") int defaultCallbackHours,
        @DefaultValue("PT30M") Duration nearing,
        @DefaultValue("PT10M") Duration atRisk,
        @DefaultValue("P2D") Duration followUpAfter) {

    InquiryProperties {
        // Department codes as the catalogue spells them, whatever case the configuration gave: an environment
        // variable (CIVIC311_INQUIRIES_CALLBACKHOURS_SWM) arrives in lower case.
        Map<String, Integer> byCode = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byCode.putAll(callbackHours);
        callbackHours = java.util.Collections.unmodifiableMap(byCode);
    }

    /** The usual time to a callback for the department, in working hours. */
    int callbackHoursOf(String departmentCode) {
        return callbackHours.getOrDefault(departmentCode, defaultCallbackHours);
    }
}
