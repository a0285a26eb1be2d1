package org.civic311.catalog;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * A question a service type asks when a request is made ("How large is the pothole?").
 *
 * @param variable false for a notice shown to the resident that takes no answer
 * @param order position in which clients show the question, from 1
 * @param values the choices of a list question, empty otherwise
 * @param retired no longer asked: a question is retired rather than deleted, so that the answers requests hold keep
 *     their wording, an Open311 client still sending it is not refused, and its code never comes to mean another
 *     question
 */
public record ServiceAttribute(
        String code,
        boolean variable,
        AttributeDatatype datatype,
        boolean required,
        @Nullable String datatypeDescription,
        int order,
        String description,
        List<AttributeValue> values,
        boolean retired) {

    static final int MAX_STRING = 255;
    static final int MAX_TEXT = 4000;

    public ServiceAttribute {
        values = List.copyOf(values);
        if (datatype.isList() && values.isEmpty()) {
            throw new IllegalArgumentException("list attribute " + code + " needs values");
        }
        if (!variable && required) {
            throw new IllegalArgumentException("informational attribute " + code + " cannot be required");
        }
    }

    /** Whether new reports are asked it. */
    public boolean asked() {
        return !retired;
    }

    /** The same question, retired or asked again. */
    ServiceAttribute retired(boolean retire) {
        return new ServiceAttribute(
                code, variable, datatype, required, datatypeDescription, order, description, values, retire);
    }

    /** What an answer says: the names of a list's choices rather than their keys. */
    public List<String> describe(List<String> answer) {
        if (!datatype.isList()) {
            return answer;
        }
        return answer.stream()
                .map(key -> values.stream()
                        .filter(v -> v.key().equals(key))
                        .map(AttributeValue::name)
                        .findFirst()
                        .orElse(key))
                .toList();
    }

    /** The field that holds this question's answer, as the catalogue names it in a refusal. */
    public String field() {
        return ANSWERS + code;
    }

    /** The prefix of answer fields: {@code answers.SIZE} is the answer to question {@code SIZE}. */
    public static final String ANSWERS = "answers.";

    /** The answers among a form's fields ({@code answers.CODE}), by question code, blank values left out. */
    public static java.util.Map<String, List<String>> answersIn(java.util.Map<String, List<String>> fields) {
        java.util.Map<String, List<String>> answers = new java.util.LinkedHashMap<>();
        fields.forEach((name, values) -> {
            if (name.startsWith(ANSWERS)) {
                answers.put(
                        name.substring(ANSWERS.length()),
                        values.stream().filter(v -> !v.isBlank()).toList());
            }
        });
        return answers;
    }

    /**
     * Checks a client's answer against this question and returns it normalised (trimmed, numbers and dates in
     * canonical form, list keys without repeats); an empty list when there is no answer.
     */
    public List<String> normalise(List<String> raw, ZoneId zone) {
        // Control characters (NUL among them, which PostgreSQL refuses) never belong in an answer.
        List<String> given = raw.stream()
                .map(v -> datatype == AttributeDatatype.TEXT ? PlainText.multiLine(v) : PlainText.singleLine(v))
                .filter(v -> v != null)
                .toList();
        if (given.isEmpty()) {
            if (required) {
                throw new InvalidInputException(field(), "is required: " + description);
            }
            return List.of();
        }
        if (datatype != AttributeDatatype.MULTIVALUELIST && given.size() > 1) {
            throw new InvalidInputException(field(), "takes one value, got " + given.size());
        }
        String value = given.getFirst();
        return switch (datatype) {
            case STRING -> List.of(limited(value, MAX_STRING));
            case TEXT -> List.of(limited(value, MAX_TEXT));
            case NUMBER -> List.of(number(value));
            case DATETIME -> List.of(datetime(value, zone));
            case SINGLEVALUELIST -> List.of(choice(value));
            case MULTIVALUELIST -> {
                Set<String> keys = new LinkedHashSet<>();
                given.forEach(v -> keys.add(choice(v)));
                yield List.copyOf(keys);
            }
        };
    }

    private String limited(String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidInputException(field(), "is longer than " + max + " characters");
        }
        return value;
    }

    /** The largest numbers accepted: no real answer needs more, and huge exponents cost memory to print. */
    static final int MAX_DIGITS = 30;

    private String number(String value) {
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.precision() > MAX_DIGITS || Math.abs(number.scale()) > MAX_DIGITS) {
                throw new InvalidInputException(field(), "is too large or too precise a number");
            }
            return number.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field(), "must be a number, got '" + shorten(value) + "'");
        }
    }

    private String datetime(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toString();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value)
                        .atZone(zone)
                        .toOffsetDateTime()
                        .toString();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                        field(), "must be an ISO 8601 date and time, got '" + shorten(value) + "'");
            }
        }
    }

    private String choice(String key) {
        if (values.stream().noneMatch(v -> v.key().equals(key))) {
            throw new InvalidInputException(
                    field(),
                    "must be one of " + values.stream().map(AttributeValue::key).toList() + ", got '" + shorten(key)
                            + "'");
        }
        return key;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
