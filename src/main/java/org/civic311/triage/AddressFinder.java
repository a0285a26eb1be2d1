package org.civic311.triage;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an address or intersection in free text: "at 41 Elm Ave", "outside 100 Queen St W", "corner of Queen and
 * Spadina", "Queen St W / Spadina Ave", "Dundas and Bathurst".
 */
final class AddressFinder {

    static final String STREET_TYPES = "st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|cres|crescent|ct|court"
            + "|pl|place|ln|lane|way|terr|terrace|pkwy|parkway|hwy|highway|sq|square|gate|gdns|gardens|trl|trail|cir|circle"
            + "|rue|chemin|boul";
    private static final String NAME = "(?:[A-Z][\\p{L}'.-]*|\\d+(?:st|nd|rd|th))(?:\\s+[A-Z][\\p{L}'.-]*){0,3}";
    private static final String STREET =
            NAME + "(?:\\s+(?i:" + STREET_TYPES + ")\\.?)?(?:\\s+(?:[NSEW]|East|West|North|South)\\b)?";
    private static final Pattern NUMBERED = Pattern.compile("\\b(\\d{1,5}[A-Za-z]?)\\s+(" + NAME + "\\s+(?i:"
            + STREET_TYPES + ")\\.?(?:\\s+(?:[NSEW]|East|West|North|South)\\b)?)");
    private static final Pattern CORNER =
            Pattern.compile("(?i:corner of|intersection of|at the corner of|coin de|esquina de)\\s+(" + STREET
                    + ")\\s+(?i:and|&|et|y)\\s+(" + STREET + ")");
    private static final Pattern CROSSING =
            Pattern.compile("(" + STREET + ")\\s*(?:/|&|\\band\\b|@)\\s*(" + STREET + ")");

    private AddressFinder() {}

    static Optional<String> find(String text) {
        Matcher numbered = NUMBERED.matcher(text);
        if (numbered.find()) {
            return Optional.of(clean(numbered.group(1) + " " + numbered.group(2)));
        }
        Matcher corner = CORNER.matcher(text);
        if (corner.find()) {
            return Optional.of(clean(corner.group(1)) + " / " + clean(corner.group(2)));
        }
        Matcher crossing = CROSSING.matcher(text);
        while (crossing.find()) {
            String first = clean(crossing.group(1));
            String second = clean(crossing.group(2));
            if (looksLikeStreet(first) || looksLikeStreet(second)) {
                return Optional.of(first + " / " + second);
            }
        }
        return Optional.empty();
    }

    private static boolean looksLikeStreet(String name) {
        return List.of(name.toLowerCase(java.util.Locale.ROOT).split("\\s+")).stream()
                .anyMatch(word -> word.replace(".", "").matches(STREET_TYPES));
    }

    private static String clean(String address) {
        return address.strip().replaceAll("\\s+", " ").replaceAll("[.,]$", "");
    }
}
