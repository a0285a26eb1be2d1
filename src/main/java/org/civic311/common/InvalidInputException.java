package org.civic311.common;

/**
 * Input that breaks a rule: the field it concerns, in the module's own words ({@code latitude},
 * {@code answers.SIZE}), and the problem, phrased to follow the field's name ("must be between -90 and 90"). Each
 * adapter names the field as its clients know it and answers with a 400.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
