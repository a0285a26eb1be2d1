package org.civic311.open311;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal with the HTTP status the specification prescribes (403 for api keys, 404 for unknown resources), or 429
 * with the time to wait when a client asks too much.
 */
class Open311Exception extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable Duration retryAfter;

    Open311Exception(HttpStatus status, String message) {
        this(status, message, null);
    }

    private Open311Exception(HttpStatus status, String message, @Nullable Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static Open311Exception tooMany(String what, Duration wait) {
        return new Open311Exception(
                HttpStatus.TOO_MANY_REQUESTS, "too many " + what + "; try again in " + wait.toSeconds() + " s", wait);
    }

    HttpStatus status() {
        return status;
    }

    @Nullable
    Duration retryAfter() {
        return retryAfter;
    }
}
