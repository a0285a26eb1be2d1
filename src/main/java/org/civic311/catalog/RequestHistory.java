package org.civic311.catalog;

import java.util.List;

/**
 * What the catalogue must know of the requests filed under it before it changes: which statuses they are in, and
 * whether any answered a question. The requests module keeps them and answers; the catalogue reads no table of its.
 */
public interface RequestHistory {

    /** How many of a jurisdiction's requests are in a status, as they copied whether it is closed. */
    record StatusInUse(String statusCode, boolean closed, long requests) {}

    List<StatusInUse> statusesInUse(String jurisdictionId);

    /** Whether any request of the type, imported history included, holds an answer to the question. */
    boolean answered(String jurisdictionId, String typeCode, String questionCode);
}
