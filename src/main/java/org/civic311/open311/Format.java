package org.civic311.open311;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The two formats of every Open311 resource, chosen by the extension of the path. */
enum Format {
    XML(MediaType.parseMediaType("text/xml; charset=utf-8")),
    JSON(MediaType.parseMediaType("application/json; charset=utf-8"));

    private final MediaType mediaType;

    Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static Optional<Format> of(String extension) {
        return switch (extension) {
            case "xml" -> Optional.of(XML);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
