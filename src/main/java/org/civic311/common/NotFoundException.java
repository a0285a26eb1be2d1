package org.civic311.common;

/** Something asked for by its identifier that does not exist (or is not visible to the asker). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
