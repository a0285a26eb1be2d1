package org.civic311.portal;

import org.springframework.http.HttpStatus;

/**
 * What the portal cannot do for a resident, said in their language: a message of the portal's bundle rather than the
 * server's English detail (an expired link, say, which a resident meets and must understand).
 */
final class PortalProblem extends RuntimeException {

    private final HttpStatus status;
    private final String key;
    private final transient Object[] arguments;

    PortalProblem(HttpStatus status, String key, Object... arguments) {
        super(key);
        this.status = status;
        this.key = key;
        this.arguments = arguments.clone();
    }

    HttpStatus status() {
        return status;
    }

    String key() {
        return key;
    }

    Object[] arguments() {
        return arguments.clone();
    }
}
