package org.civic311.common;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one module keeps about residents. Each module that stores names, addresses or numbers implements it for its
 * own tables, so that a resident's data can be exported and erased on request, and let go of once the city's
 * retention period has passed; the records themselves (the city's work) stay, without the person.
 */
public interface PersonalRecords {

    /** What stands where erased personal data was, so that staff see why a field is empty. */
    String ERASED = "(erased)";

    /** What these records are, as a heading of an export: "service requests", "inquiries". */
    String kind();

    /** Every record of the jurisdiction that names the resident, as plain values. */
    List<Map<String, Object>> export(String jurisdictionId, ResidentAddress resident);

    /**
     * The other addresses these records give with the one asked about: the phone number a reporter gave with their
     * email. An export lists them for the administrator to ask the resident about; nothing follows them by itself.
     */
    default List<String> otherAddresses(String jurisdictionId, ResidentAddress resident) {
        return List.of();
    }

    /** Removes the resident's personal data from the jurisdiction's records; how many records changed. */
    int erase(String jurisdictionId, ResidentAddress resident);

    /** Removes personal data from records finished (closed, ended, sent) before the cutoff; how many changed. */
    int anonymiseFinishedBefore(Instant cutoff);
}
