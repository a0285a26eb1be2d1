package org.civic311.requests;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A request from another system's archive, loaded as it was recorded there.
 *
 * @param closed whether the archive typed it closed; the finer status is recognised from the notes when possible
 */
public record HistoricalRequest(
        String publicId,
        String serviceCode,
        @Nullable String serviceName,
        @Nullable String agency,
        boolean closed,
        @Nullable String statusNotes,
        @Nullable String description,
        @Nullable String serviceNotice,
        Location location,
        @Nullable String mediaUrl,
        Instant requestedAt,
        @Nullable Instant updatedAt,
        @Nullable Instant expectedAt) {

    /**
     * Whether the photo's link may be published as the archive gives it: a web address, not a {@code javascript:} or
     * {@code data:} one that a hostile file would plant in every page and feed that shows it.
     */
    public boolean mediaUrlIsWebAddress() {
        if (mediaUrl == null) {
            return true;
        }
        try {
            java.net.URI uri = new java.net.URI(mediaUrl.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
