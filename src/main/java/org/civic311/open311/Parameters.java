package org.civic311.open311;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civic311.common.InvalidInputException;
import org.civic311.common.PlainText;
import org.jspecify.annotations.Nullable;

/**
 * The query or form parameters of an Open311 call, read as the specification says: an empty parameter is the same as
 * an absent one, and lists are comma separated.
 */
final class Parameters {

    /** {@code attribute[CODE]}, {@code attribute[CODE][]}, or {@code attribute[CODE][0]} as qs and PHP write lists. */
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]{1,100})](\\[\\d{0,3}])?");

    private final Map<String, String[]> values;

    Parameters(Map<String, String[]> values) {
        this.values = values;
    }

    @Nullable
    String text(String name) {
        String[] given = values.get(name);
        if (given == null) {
            return null;
        }
        // Line breaks stay (a description may have several lines); the fields that must be one line say so later.
        List<String> distinct = Arrays.stream(given)
                .map(PlainText::multiLine)
                .filter(v -> v != null)
                .distinct()
                .toList();
        if (distinct.size() > 1) {
            // Which of two service codes or two latitudes was meant is the client's to say, not ours to guess.
            throw new InvalidInputException(name, "was given " + distinct.size() + " different values; send one");
        }
        return distinct.isEmpty() ? null : distinct.getFirst();
    }

    /** Every value sent under the name, in order, blank ones left out: for values that may hold commas (links). */
    List<String> all(String name) {
        String[] given = values.get(name);
        if (given == null) {
            return List.of();
        }
        return Arrays.stream(given)
                .map(PlainText::singleLine)
                .filter(v -> v != null)
                .toList();
    }

    List<String> list(String name) {
        String[] given = values.get(name);
        if (given == null) {
            return List.of();
        }
        return Arrays.stream(given)
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(PlainText::singleLine)
                .filter(v -> v != null)
                .distinct()
                .toList();
    }

    @Nullable
    Double decimal(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            double value = new BigDecimal(text).doubleValue();
            if (Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a decimal number, got '" + shorten(text) + "'");
        }
    }

    int integer(String name, int fallback, int min, int max) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    name, "must be a whole number from " + min + " to " + max + ", got '" + shorten(text) + "'");
        }
    }

    boolean flag(String name) {
        String text = text(name);
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidInputException(name, "must be true or false");
        };
    }

    /**
     * The end of a span: a W3C date-time as {@link #dateTime} reads it, but a bare date is the whole of that day, as
     * someone asking for "March 1 to March 31" means it.
     */
    @Nullable
    Instant endOfSpan(String name, ZoneId zone) {
        String text = text(name);
        Instant instant = dateTime(name, zone);
        if (instant == null || text == null || !BARE_DATE.matcher(text).matches()) {
            return instant;
        }
        // The last instant PostgreSQL can tell apart from the next midnight.
        return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000);
    }

    private static final Pattern BARE_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A W3C date-time; one without an offset is read in the jurisdiction's zone, a bare date as its midnight. */
    @Nullable
    Instant dateTime(String name, ZoneId zone) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Instant instant = parseDateTime(name, text, zone);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidInputException(name, "must be between the years 1900 and 9999");
        }
        return instant;
    }

    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An offset's "+" left unencoded in a query string arrives as a space: "2026-03-01T10:00:00 01:00". */
    private static final java.util.regex.Pattern UNENCODED_PLUS =
            java.util.regex.Pattern.compile("(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) (\\d{2}:\\d{2})$");

    private static Instant parseDateTime(String name, String given, ZoneId zone) {
        String text = UNENCODED_PLUS.matcher(given).replaceFirst("$1+$2");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(
                            name, "must be a W3C date-time such as 2026-01-01T00:00:00Z, got '" + shorten(given) + "'");
                }
            }
        }
    }

    /** Answers to a service's questions: {@code attribute[CODE]=v} and {@code attribute[CODE][]=v1&…=v2}. */
    Map<String, List<String>> attributes() {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        values.forEach((name, given) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (matcher.matches()) {
                List<String> all = Arrays.stream(given)
                        .filter(v -> v != null && !v.isBlank())
                        .toList();
                if (!all.isEmpty()) {
                    answers.merge(
                            matcher.group(1), all, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream())
                                    .toList());
                }
            } else if (name.startsWith("attribute")) {
                throw new InvalidInputException(name, "is not of the form attribute[CODE]");
            }
        });
        return answers;
    }

    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
