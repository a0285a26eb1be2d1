package org.civic311.requests;

import java.time.Instant;

/**
 * Staff corrected a public note after it was published (a wrong day, a word that should not have gone out): messages
 * of the first wording that have not gone yet are to carry the second.
 *
 * @param statusCode the status the request had once the note was written
 * @param closed whether that status closes a request
 * @param text the note as it reads now
 * @param by who corrected it, who signs it now
 */
public record PublicNoteCorrected(
        long requestId,
        String jurisdictionId,
        String publicId,
        long noteId,
        String statusCode,
        boolean closed,
        String text,
        String by,
        Instant at) {}
