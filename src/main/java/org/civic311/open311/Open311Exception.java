package org.civic311.open311;

import org.springframework.http.HttpStatus;

/** A refusal with the HTTP status the specification prescribes (403 for api keys, 404 for unknown resources). */
class Open311Exception extends RuntimeException {

    private final HttpStatus status;

    Open311Exception(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
