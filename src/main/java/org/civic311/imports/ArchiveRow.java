package org.civic311.imports;

import org.civic311.requests.HistoricalRequest;
import org.jspecify.annotations.Nullable;

/**
 * One row of an archive as read: either a request, whose kind is still the archive's own name for it, or the reason it
 * cannot be one.
 */
sealed interface ArchiveRow {

    long line();

    /**
     * A request read from the file.
     *
     * @param kind the archive's service code or name, to be found in (or added to) the catalogue
     */
    record Read(long line, String kind, @Nullable String agency, HistoricalRequest request) implements ArchiveRow {

        /** The request, filed under the catalogue's service type. */
        HistoricalRequest under(String serviceCode) {
            HistoricalRequest r = request;
            return new HistoricalRequest(
                    r.publicId(),
                    serviceCode,
                    r.serviceName(),
                    r.agency(),
                    r.closed(),
                    r.statusNotes(),
                    r.description(),
                    r.serviceNotice(),
                    r.location(),
                    r.mediaUrl(),
                    r.requestedAt(),
                    r.updatedAt(),
                    r.expectedAt());
        }
    }

    /** A row that is not a request, and the field at fault. */
    record Bad(long line, @Nullable String publicId, String reason) implements ArchiveRow {}

    /** Reads an archive row by row, streaming. */
    interface Reader extends AutoCloseable {

        /** The next row, or null at the end. */
        @Nullable
        ArchiveRow next() throws java.io.IOException;

        /** Where the reader is in the file, from 0 to 1, for the progress bar. */
        double fraction();

        @Override
        void close() throws java.io.IOException;
    }
}
