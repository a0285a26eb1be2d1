package org.civic311.common;

/**
 * Input that breaks a rule: the field it concerns and a sentence a person can act on. Every adapter turns it into a 400.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
