package org.civic311.common;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Email addresses and phone numbers that residents and agents write into a description ("call me at 416 555 0199"),
 * and the names residents introduce themselves by: staff need them, the public never sees them. What is published is
 * the text with each one replaced by what it was.
 */
public final class PersonalDetails {

    /** An address, also typed with spaces around its @ ("jane @ example.org"); its last label has letters. */
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}._%+-]+\\h*@\\h*[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}[\\p{L}\\p{N}-]*");

    /**
     * An address spelled out to dodge robots: "jane.doe at gmail dot com", "jane.doe[at]gmail.com", "jane (at)
     * videotron (dot) ca". Said with a bare "at", it counts only when it ends in a known domain, so that "kids at
     * school dot…" and "bins at Queen.St" stay words.
     */
    private static final Pattern SPELLED_EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+(\\h*[\\[({]\\h*(?i:at)\\h*[\\])}]\\h*|\\h+(?i:at)\\h+)[\\p{L}\\p{N}-]+"
                    + "(?:(?:\\h*[\\[({]\\h*(?i:dot)\\h*[\\])}]\\h*|\\h+(?i:dot)\\h+|\\.)[\\p{L}\\p{N}-]+)+(?![\\p{L}\\p{N}])");

    /** What a spelled address said with a bare "at" must end in. */
    private static final Pattern KNOWN_DOMAIN_END = Pattern.compile(
            "(?:\\.|\\h+(?i:dot)\\h+|[\\[({]\\h*(?i:dot)\\h*[\\])}]\\h*)(?:com|org|net|ca|edu|gov|fr|qc|io|info|uk|biz|ch|mx)$");

    /**
     * Whether a text, in lower case, may spell an address out: a "dot", a bracketed "at", or " at " with a dot. Plain
     * searches, as every description of an import passes here and most have none of these.
     */
    private static boolean maySpellAnAddress(String lower) {
        return lower.contains("dot")
                || lower.contains("[at")
                || lower.contains("(at")
                || lower.contains("{at")
                || (lower.contains(" at ") && hasDottedWord(lower));
    }

    /** Whether a dot joins two letters somewhere ("gmail.com"), as in a domain, not at a sentence's end. */
    private static boolean hasDottedWord(String text) {
        for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
            if (i > 0
                    && i < text.length() - 1
                    && Character.isLetter(text.charAt(i - 1))
                    && Character.isLetter(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a text, in lower case, has a word that says a number is a phone's, before the pattern is run. */
    private static boolean mayNameAPhone(String lower) {
        return lower.contains(" me")
                || lower.contains("my ")
                || lower.contains("phone")
                || lower.contains("cell")
                || lower.contains("mobile")
                || lower.contains("tel")
                || lower.contains("tél")
                || lower.contains("appelez")
                || lower.contains("num");
    }

    /** Between the groups of a phone number's digits: a space, or a dot, dash or slash with or without spaces. */
    private static final String SEP = "(?:\\h*[./–-]\\h*|\\h+)?";

    /** An extension after a number: "x23", " ext. 23", " poste 23". */
    private static final String EXTENSION = "(?:\\h*(?i:x|ext\\.?|extension|poste)\\h*\\d{1,6})?";

    /**
     * North American numbers in their usual spellings (416-555-0199, (416) 555 0199, +1 416.555.0199, 416 - 555 -
     * 0199, 416/555/0199, with an extension), whose area code and exchange never start with 0 or 1, and
     * international ones written with a country code (+33 1 23 45 67 89). Dates (2026-11-20), house numbers, amounts
     * and tracking numbers are shaped otherwise.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(?:\\+?1" + SEP + ")?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})" + SEP + "[2-9]\\d{2}" + SEP
                    + "\\d{4}" + EXTENSION + "|\\+\\d{1,3}(?:[\\s.-]?\\d{1,4}){3,6})(?![\\p{L}\\p{N}])");

    /**
     * A local number without its area code ("my cell is 555-0199", "call me at 555-0199", "Tel: 555-0199"), only where
     * the writer says it is theirs: "200-1000 people" is a count, "permit number 345-2024" a permit's.
     */
    private static final Pattern LOCAL_PHONE = Pattern.compile(
            "(?iu)(?<![\\p{L}])(?:(?:call|text|reach|phone|ring)\\h+me|my\\h+(?:home\\h+)?(?:cell(?:phone)?|phone|number"
                    + "|mobile)|(?:phone|cell|mobile|t[ée]l(?:[ée]phone)?)\\h*[.:]|appelez-moi|mon\\h+num[ée]ro)(?![\\p{L}])"
                    + "[^\\d\\n]{0,15}?(?<![\\p{N}])([2-9]\\d{2}\\h*[.-]\\h*\\d{4}" + EXTENSION
                    + ")(?![\\p{L}\\p{N}])");

    /**
     * A name a resident introduces themselves by ("My name is Maria Lopez", "je m'appelle Luc", "me llamo Ana"),
     * known or not to the form: up to three capitalised words ("my name is on the lease" names no one).
     */
    private static final Pattern INTRODUCED_NAME = Pattern.compile(
            "(?<![\\p{L}])(?iu:my\\h+name\\h+is|my\\h+name['’]s|je\\h+m['’]\\h*appelle|mon\\h+nom\\h+est|me\\h+llamo"
                    + "|mi\\h+nombre\\h+es)(?:\\h*:\\h*|\\h+)"
                    + "(\\p{Lu}[\\p{L}'’-]*(?:\\h+\\p{Lu}[\\p{L}'’-]*){0,2})");

    /** Whether a text, in lower case, may introduce its writer, before the pattern is run. */
    private static boolean mayIntroduce(String lower) {
        return lower.contains("name")
                || lower.contains("appelle")
                || lower.contains("nom ")
                || lower.contains("llamo")
                || lower.contains("nombre");
    }

    /** The words that end a street's name in an address, as residents type them. */
    private static final String SUFFIX = "(?i:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Cres|Crescent|Crt|Ct"
            + "|Court|Pl|Place|Lane|Ln|Way|Terr?|Terrace|Trl|Trail|Pkwy|Parkway|Sq|Square|Gate|Gardens|Gdns|Circle|Cir"
            + "|Hwy|Highway|Row|Mews|Grove|Heights|Hts)\\b\\.?(?:\\s+(?i:E|W|N|S|East|West|North|South)\\b\\.?)?";

    /** A word of a street's name: "Lisgar", "O'Connor", or a number ("5th", "42nd", "104"). */
    private static final String STREET_WORD = "(?:\\p{L}[\\p{L}'’.-]*|\\d{1,4}(?i:st|nd|rd|th)?)";

    /**
     * A door in a street: "123 Lisgar St", "41B elm avenue west", "1200-88 Harbour Street", "55 W 42nd St", "12 rue
     * Sainte-Catherine".
     * Used only on reports about a home, where masking a phrase that merely looks like one costs little.
     */
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\d{1,6}[A-Za-z]?(?:-\\d{1,6})?,?\\s+(?:" + STREET_WORD + "\\s+){1,3}" + SUFFIX
                    + "|(?<![\\p{L}\\p{N}])\\d{1,6}[A-Za-z]?,?\\s+(?i:rue|avenue|av\\.|boulevard|boul\\.|chemin|calle"
                    + "|avenida)\\s+(?:(?i:de|du|des|la|le|del)\\s+)?\\p{L}[\\p{L}'’.-]*(?:[\\s-]+\\p{Lu}[\\p{L}'’.-]*){0,2}");

    /** A home's own door inside a building: "unit 1204", "apt. 3B", "suite 400", "#12", "appartement 5". */
    private static final Pattern UNIT = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(?:unit|apt\\.?|apartment|suite|ste\\.?|appartement|app\\.?|logement|piso|depto\\.?)"
                    + "\\s*#?\\s*\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])|#\\s*\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])");

    /** A unit named by its word, not a bare "#12", which is as often a work order's number. */
    private static final Pattern UNIT_NAMED = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])(?:unit|apt\\.?|apartment|suite|ste\\.?|appartement|app\\.?|logement|piso|depto\\.?)"
                    + "\\s*#?\\s*\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])");

    private PersonalDetails() {}

    /**
     * The text of a report about a home (no heat, a landlord's repair) as the public may read it: with its street
     * addresses and unit numbers replaced, the home's own address first, as well as its contact details. Published,
     * such a report says what is wrong and in which area, never at which door.
     *
     * @param home the address the report was made for, masked wherever the text repeats it
     */
    public static String withoutHome(String text, @org.jspecify.annotations.Nullable String home) {
        String masked = withoutDoor(masked(text), home);
        masked = STREET_ADDRESS.matcher(masked).replaceAll("[address]");
        return UNIT.matcher(masked).replaceAll("[unit]");
    }

    /**
     * Whether a note staff write names the home a report is about: its own address (as stored, or "123 lisgar"), or
     * a unit named as one ("unit 3", "apt. 4B"). Other addresses (City Hall's) and numbers ("work order #12345") do not.
     */
    public static boolean namesHome(String text, @org.jspecify.annotations.Nullable String home) {
        return !withoutDoor(text, home).equals(text) || UNIT_NAMED.matcher(text).find();
    }

    /**
     * A note about a home without its door: the home's own address and units named as such replaced, nothing else
     * (another address, a work order's "#12345", the city's own number stay).
     */
    public static String withoutHomesDoor(String text, @org.jspecify.annotations.Nullable String home) {
        return UNIT_NAMED.matcher(withoutDoor(text, home)).replaceAll("[unit]");
    }

    /** The text with the home's own address replaced, wherever it repeats it. */
    private static String withoutDoor(String text, @org.jspecify.annotations.Nullable String home) {
        String masked = text;
        if (home != null && !home.isBlank()) {
            String written = home.split(",")[0].strip();
            if (written.length() >= 4) {
                masked = Pattern.compile(
                                "(?<![\\p{L}\\p{N}])" + Pattern.quote(written) + "(?![\\p{L}\\p{N}])",
                                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(masked)
                        .replaceAll("[address]");
            }
            // "123 Lisgar St" is also written "123 lisgar" or "123 Lisgar Street": its number and first word.
            java.util.regex.Matcher door = Pattern.compile(
                            "^(\\d{1,6}[A-Za-z]?(?:-\\d{1,6})?)\\s+(" + STREET_WORD + ")")
                    .matcher(home.strip());
            if (door.find()) {
                masked = Pattern.compile(
                                "(?<![\\p{L}\\p{N}])" + Pattern.quote(door.group(1)) + ",?\\s+"
                                        + Pattern.quote(door.group(2)) + "(?![\\p{L}\\p{N}])(?:\\s+" + SUFFIX + ")?",
                                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(masked)
                        .replaceAll("[address]");
            }
        }
        return masked;
    }

    /**
     * The text with the given names replaced, each whole and word by word ("Marie-Ève Tremblay" also as "Marie-Ève"
     * and "Tremblay"), in any case: what a resident who asked to be erased wrote about themselves stays the city's
     * record of the problem without saying who they are. Words of fewer than two letters are left, as they name no one.
     */
    public static String withoutNames(String text, Collection<String> names) {
        List<String> words = names.stream()
                .filter(Objects::nonNull)
                .flatMap(name -> Stream.concat(Stream.of(name.strip()), Arrays.stream(name.split("[\\s,]+"))))
                .filter(word -> word.codePoints().filter(Character::isLetter).count() >= 2)
                .map(word -> word.replace('’', '\''))
                .distinct()
                // The longest first, so that a full name is replaced once rather than word by word.
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(PersonalDetails::spelled)
                .toList();
        if (words.isEmpty()) {
            return text;
        }
        return Pattern.compile(
                        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", words) + ")(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text)
                .replaceAll("[name]");
    }

    /**
     * The text a reporter wrote, without their own name where they signed or introduced themselves with it ("Zebulon
     * Quartermaine here", "thanks, Zeb"): the whole name in any case, and each of its words where written with a
     * capital, so that a reporter called Park or Lane leaves "the park" and "the curb lane" as they are.
     */
    public static String withoutOwnName(
            String text,
            @org.jspecify.annotations.Nullable String firstName,
            @org.jspecify.annotations.Nullable String lastName) {
        List<String> patterns = new java.util.ArrayList<>();
        String full = Stream.of(firstName, lastName)
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .collect(java.util.stream.Collectors.joining(" "));
        if (full.contains(" ")) {
            patterns.add("(?iu:" + spelled(full).replace(" ", "\\E\\s+\\Q") + ")");
        }
        Stream.of(full.split("[\\s,]+"))
                .filter(word -> word.codePoints().filter(Character::isLetter).count() >= 2)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(word -> {
                    int first = word.codePointAt(0);
                    String rest = word.substring(Character.charCount(first));
                    return Pattern.quote(Character.toString(Character.toUpperCase(first)))
                            + (rest.isEmpty() ? "" : "(?iu:" + spelled(rest) + ")");
                })
                .forEach(patterns::add);
        if (patterns.isEmpty()) {
            return text;
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", patterns) + ")(?![\\p{L}\\p{N}])")
                .matcher(text)
                .replaceAll("[name]");
    }

    /**
     * Whether staff's text names the reporter: by their whole name, or by their family name after a title ("Mrs
     * Haddad", "M. Tremblay"). A family name alone is not enough: a reporter called Park or King would otherwise keep
     * "Riverside Park" and "King St" out of every public note.
     */
    public static boolean namesReporter(
            String text,
            @org.jspecify.annotations.Nullable String firstName,
            @org.jspecify.annotations.Nullable String lastName) {
        if (lastName == null
                || lastName.codePoints().filter(Character::isLetter).count() < 2) {
            return false;
        }
        String last = spelled(lastName.strip()).replace(" ", "\\E\\s+\\Q");
        String titled = "(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Mlle|M)\\.?\\s+" + last;
        String whole = firstName == null || firstName.isBlank()
                ? titled
                : titled + "|" + spelled(firstName.strip()).replace(" ", "\\E\\s+\\Q") + "\\s+" + last;
        return Pattern.compile(
                        "(?<![\\p{L}\\p{N}])(?:" + whole + ")(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text)
                .find();
    }

    /** A name quoted for a pattern, its apostrophe either way (O'Brien, O’Brien). */
    private static String spelled(String name) {
        return Pattern.quote(name.replace('’', '\'')).replace("'", "\\E['’]\\Q");
    }

    /** The fewest digits a phone number has: "+1000" or "+43.6532" in a description is a count or a coordinate. */
    private static final int PHONE_DIGITS = 8;

    /** The email addresses and phone numbers written in the text, as written, in order. */
    public static List<String> contactDetailsIn(String text) {
        List<String> found = new java.util.ArrayList<>();
        EMAIL.matcher(text).results().map(java.util.regex.MatchResult::group).forEach(found::add);
        if (maySpellAnAddress(text.toLowerCase(java.util.Locale.ROOT))) {
            SPELLED_EMAIL
                    .matcher(text)
                    .results()
                    .filter(PersonalDetails::spelledAddress)
                    .map(java.util.regex.MatchResult::group)
                    .filter(spelled -> !found.contains(spelled))
                    .forEach(found::add);
        }
        PHONE.matcher(text)
                .results()
                .map(java.util.regex.MatchResult::group)
                .filter(number -> number.chars().filter(Character::isDigit).count() >= PHONE_DIGITS)
                .forEach(found::add);
        return found;
    }

    /** Whether a match of {@link #SPELLED_EMAIL} is an address: a bracketed "at", or a known domain's ending. */
    private static boolean spelledAddress(java.util.regex.MatchResult match) {
        return match.group(1).strip().length() > 2
                || KNOWN_DOMAIN_END.matcher(match.group()).find();
    }

    /** A contact detail as two spellings of it compare: an email in lower case, a phone number's digits. */
    public static String normalised(String detail) {
        if (detail.indexOf('@') >= 0) {
            return detail.replaceAll("\\s", "").toLowerCase(java.util.Locale.ROOT);
        }
        // The desk, not the line: "416-392-2489 ext. 5" is the city's 416-392-2489.
        String digits = detail.replaceFirst("(?i)\\h*(?:x|ext\\.?|extension|poste)\\h*\\d{1,6}\\s*$", "")
                .replaceAll("\\D", "");
        // +1 416 555 0199 and 416-555-0199 are one number.
        return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
    }

    /** The text with email addresses and phone numbers replaced; the same text when it has none. */
    public static String masked(String text) {
        return masked(text, java.util.Set.of());
    }

    /**
     * The same, keeping the details given ({@link #normalised}): the city's own numbers and addresses, which an
     * answer is the poorer without.
     */
    public static String masked(String text, java.util.Set<String> kept) {
        // Most descriptions have no @, few digits and no introduction: each pattern runs only where it may match.
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL.matcher(masked)
                    .replaceAll(email -> kept.contains(normalised(email.group()))
                            ? java.util.regex.Matcher.quoteReplacement(email.group())
                            : "[email address]");
        }
        if (maySpellAnAddress(lower)) {
            masked = SPELLED_EMAIL
                    .matcher(masked)
                    .replaceAll(spelled -> spelledAddress(spelled)
                            ? "[email address]"
                            : java.util.regex.Matcher.quoteReplacement(spelled.group()));
        }
        long digits = masked.chars().filter(Character::isDigit).count();
        if (digits >= PHONE_DIGITS) {
            // A North American number always has ten digits; a "+…" with fewer than eight is a count or a coordinate.
            masked = PHONE.matcher(masked)
                    .replaceAll(number ->
                            number.group().chars().filter(Character::isDigit).count() >= PHONE_DIGITS
                                            && !kept.contains(normalised(number.group()))
                                    ? "[phone number]"
                                    : java.util.regex.Matcher.quoteReplacement(number.group()));
        }
        if (digits >= 7 && mayNameAPhone(lower)) {
            masked = LOCAL_PHONE
                    .matcher(masked)
                    .replaceAll(local -> java.util.regex.Matcher.quoteReplacement(
                                    local.group().substring(0, local.start(1) - local.start()))
                            + "[phone number]");
        }
        if (mayIntroduce(lower)) {
            masked = INTRODUCED_NAME
                    .matcher(masked)
                    .replaceAll(introduced -> java.util.regex.Matcher.quoteReplacement(
                                    introduced.group().substring(0, introduced.start(1) - introduced.start()))
                            + "[name]");
        }
        return masked;
    }
}
