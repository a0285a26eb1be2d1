package org.civic311.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds profanity, insults, slurs and threats in English and French, however they are disguised: letters swapped
 * for look-alikes (f@ck, 1d10t, m3rde), starred out (f*ck), spaced or dotted out (f u c k, s.h.i.t) or stretched
 * (fuuuck). Words are matched whole, so Scunthorpe, assessment and Sussex stay clean.
 */
final class CivilityFilter {

    /** A finding: how bad the text is and the text with the offending words masked. */
    record Finding(Severity severity, List<String> words, String masked) {}

    private record Entry(Pattern word, Severity severity) {}

    private static final List<Entry> WORDS = List.of(
            mild(
                    "f[uae]?c?k+(s|ing?|in|ed|er|ers|face|wit|ers)?|f-?ing|f-?in|fck(ing)?|fuk(ing)?|fk|fkn|fu|fking|fukin|fucken|motherfuck(er|ers|ing)?|mf"),
            mild(
                    "sh[i]?t+(e|s|ty|head|hole|show)?|bullshit|horseshit|bs|crap(py)?|wtf|stfu|ffs|damn(ed|it)?|goddamn(ed)?|piss(ed)?"),
            mild(
                    "putain|ptn|merde(s|ux)?|mrd|marde|chier|bordel|crisse|christ|tabarnak|tabarnac|tabernak|calisse|caliss|ostie|esti"
                            + "|calvaire|sacrament|foutu(e|es|s)?|fuck(ing)?"),
            offensive(
                    "a+s+hole?s?|ass|asses|dumbass|jackass|bitch(es|y)?|idiots?|idiotic|morons?|moronic|imbeciles?|cretins?"
                            + "|stupid|dumb|losers?|bastards?|dipshits?|douche(bag)?s?|twats?|wankers?|pricks?|scum(bag)?s?|clowns?|jerks?|parasites?"
                            + "|dickheads?|cowards?|crooks?|weasels?|muppets?|a-?holes?|morons?|numbskulls?|halfwits?|bums"),
            offensive(
                    "connard(e|s|es)?|conne(s)?|encule(s|e|es|r)?|salope(s)?|salaud(s)?|batard(s)?|debile(s)?|abruti(e|s|es)?"
                            + "|imbecile(s)?|niaiseu(x|se)|tarla|trou du cul|laches|ordures?|connerie(s)?|saloperie(s)?|chiant(e|s)?"),
            severe(
                    "retarded|r3tard(s|ed)?|fag(got)?s?|f[a]?ggots?|dyke(s)?|tranny|pede(s)?|tapette(s)?|n[i]gg(er|a)s?|chink(s)?"
                            + "|spic(s)?|kike(s)?|negre(s)?|bougnoule(s)?"));

    /** Insults that are words only in company ("des cons", "ta gueule"), read over the whole normalised text. */
    private static final Pattern INSULT = Pattern.compile(
            "\\b((des|les|gros|petit|espece de|bande de|tous des) cons|a la con|ta gueule|vos gueules|ferme (ta|vos) gueules?"
                    + "|(va|allez) (te|vous) faire foutre|rude cow|son of a)\\b");

    /** Profanity that is a phrase, not a word ("what the hell", but not "Hell's Kitchen"). */
    private static final Pattern PROFANE = Pattern.compile(
            "\\b((what|where|who|why|how|the) the hell|bloody hell|like hell|hell no|go to hell|damn it)\\b");

    private static final Pattern SWEAR_IN_PHRASE = Pattern.compile("(?i)\\b(hell|damn)\\b");

    /** Threats and harassment, read over the whole normalised text. */
    private static final Pattern THREAT = Pattern.compile(
            // Each threat begins a word: anchored so, the phrases are tried only where a word begins, not at every
            // letter of a long text.
            "\\b(?:\\b(kill|shoot|stab|hurt|beat|smash|burn|bomb|find) (you|u|ya|him|her|them|everyone|every one|all of you|your (office|face|car|house))"
                    + "|\\b(burn|blow up|torch|shoot up) (down )?(city hall|the office|your office|the building|it down)"
                    + "|(should|gonna|going to|will|i'?ll|i will) (burn|blow up|torch|shoot|smash|beat|kill|hurt)"
                    + "|i know where (you|u|he|she|they) (live|lives|park|parks|work|works)|watch your back|you('?re| are) dead"
                    + "|(je vais|j'vais|on va) (te|vous|le|la|les) (tuer|buter|frapper|casser|defoncer|retrouver)|je sais ou (tu|vous|il|elle) (habite|habites|habitez|travaille|stationne)"
                    + "|(bruler|faire sauter) (l'hotel de ville|la mairie|vos bureaux|ton char)|tu vas (le )?payer|t'es mort"
                    + "|send (me )?nudes|(sexy|hot) (ass|body)|suck my|sucer|nice (tits|ass)|show me your"
                    + "|break (his|her|your|their) (legs|arms|neck|face)|with a (bat|baseball bat|gun|knife)|put a bullet|run over (the|a|you|him|her)"
                    + "|what'?s coming to (you|them)|blows? up city hall|come to your (house|home)|found your address|teach .{0,30} a lesson"
                    + "|with (their|my|our) fists|on (her|his) knees|what are you wearing|sweetheart|\\bkill all"
                    + "|(the|you|u|bunch of|such|those) (fucking )?retards|casse(r)? la gueule|lui casse"
                    + "|tout casser|mettre le feu a l'hotel de ville|crisser une volee|vous pendre|on devrait (tous )?vous|faire une pipe)");

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}@$!*#|'.-]+");
    private static final Pattern SPACED =
            Pattern.compile("(?<![\\p{L}\\p{N}])((?:[\\p{L}@$!*0-9][ ._-]){2,}[\\p{L}@$!*0-9])(?![\\p{L}\\p{N}])");

    // Compiled once: the check runs on every message and on every row of an imported archive.
    private static final Pattern SEPARATORS = Pattern.compile("[ ._-]");
    private static final Pattern EDGES = Pattern.compile("^[.'-]+|[.'-]+$");
    private static final Pattern ELISION = Pattern.compile("^(?i)(qu|[dljmnstc])'");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern STRETCHED = Pattern.compile("(\\p{L})\\1+");

    private CivilityFilter() {}

    private static Entry mild(String words) {
        return entry(words, Severity.MILD);
    }

    private static Entry offensive(String words) {
        return entry(words, Severity.OFFENSIVE);
    }

    private static Entry severe(String words) {
        return entry(words, Severity.SEVERE);
    }

    private static Entry entry(String words, Severity severity) {
        return new Entry(Pattern.compile("(" + words + ")"), severity);
    }

    static Finding check(String text) {
        String source = joined(text);
        Tokens tokens = tokens(source);
        Severity worst = tokens.worst();
        List<String> words = new ArrayList<>(tokens.words());
        String masked = tokens.masked();
        String whole = deleet(plain(source));
        if (THREAT.matcher(whole).find() || THREAT.matcher(plain(source)).find()) {
            worst = Severity.SEVERE;
        } else if (worst.compareTo(Severity.OFFENSIVE) < 0
                && INSULT.matcher(plain(source)).find()) {
            worst = Severity.OFFENSIVE;
        } else if (worst == Severity.NONE && PROFANE.matcher(plain(source)).find()) {
            worst = Severity.MILD;
            masked = swearsMasked(masked, words);
        }
        return new Finding(worst, List.copyOf(words), worst == Severity.NONE ? text : masked);
    }

    /**
     * The text with its abusive words masked, and nothing more judged: what a public view needs, at a third of a
     * whole check's cost, since threats and insults in company mask no word of their own. For an archive's millions
     * of rows.
     */
    static String masked(String text) {
        String source = joined(text);
        Tokens tokens = tokens(source);
        if (tokens.worst() != Severity.NONE) {
            return tokens.masked();
        }
        return PROFANE.matcher(plain(source)).find() ? swearsMasked(tokens.masked(), new ArrayList<>()) : text;
    }

    /** Spaced or dotted out letters ("f u c k", "s.h.i.t") joined back into one word. */
    private static String joined(String text) {
        StringBuilder joined = new StringBuilder();
        Matcher spaced = SPACED.matcher(text);
        while (spaced.find()) {
            spaced.appendReplacement(
                    joined,
                    Matcher.quoteReplacement(SEPARATORS.matcher(spaced.group(1)).replaceAll("")));
        }
        spaced.appendTail(joined);
        return joined.toString();
    }

    /** The worst of the text's words, those found, and the text with them masked. */
    private record Tokens(Severity worst, List<String> words, String masked) {}

    private static Tokens tokens(String source) {
        Severity worst = Severity.NONE;
        List<String> words = new ArrayList<>();
        StringBuilder masked = new StringBuilder();
        Matcher token = TOKEN.matcher(source);
        int last = 0;
        while (token.find()) {
            // Elided articles ("d'abrutis", "qu'") and surrounding punctuation are not part of the word.
            String raw =
                    ELISION.matcher(EDGES.matcher(token.group()).replaceAll("")).replaceAll("");
            Severity severity = severityOf(raw);
            masked.append(source, last, token.start());
            if (severity != Severity.NONE) {
                words.add(raw);
                worst = worst.compareTo(severity) < 0 ? severity : worst;
                masked.append(mask(token.group()));
            } else {
                masked.append(token.group());
            }
            last = token.end();
        }
        masked.append(source.substring(last));
        return new Tokens(worst, words, masked.toString());
    }

    /** The phrase is what offends ("what the hell"), but its swear word is what a public view must not show. */
    private static String swearsMasked(String text, List<String> words) {
        Matcher swear = SWEAR_IN_PHRASE.matcher(text);
        StringBuilder phraseMasked = new StringBuilder();
        while (swear.find()) {
            words.add(swear.group().toLowerCase(Locale.ROOT));
            swear.appendReplacement(phraseMasked, Matcher.quoteReplacement(mask(swear.group())));
        }
        swear.appendTail(phraseMasked);
        return phraseMasked.toString();
    }

    /**
     * The words already judged: messages and archives repeat a few thousand words, and judging one tries every entry
     * of the list. Bounded: emptied when full, as words are cheap to judge again.
     */
    private static final java.util.Map<String, Severity> JUDGED = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int JUDGED_MAX = 50_000;

    private static Severity severityOf(String raw) {
        Severity known = JUDGED.get(raw);
        if (known != null) {
            return known;
        }
        Severity judged = judge(raw);
        if (JUDGED.size() >= JUDGED_MAX) {
            JUDGED.clear();
        }
        JUDGED.put(raw, judged);
        return judged;
    }

    private static Severity judge(String raw) {
        if (raw.isEmpty()) {
            return Severity.NONE;
        }
        String word = deleet(plain(raw));
        String squeezed = STRETCHED.matcher(word).replaceAll("$1");
        Severity found = Severity.NONE;
        for (Entry entry : WORDS) {
            if (found.compareTo(entry.severity()) < 0 && matches(entry.word(), word, squeezed)) {
                found = entry.severity();
            }
        }
        return found;
    }

    /** The whole word matches, with each star standing for any letter and stretched letters counted once. */
    private static boolean matches(Pattern entry, String word, String squeezed) {
        if (word.indexOf('*') < 0 && word.indexOf('#') < 0) {
            return entry.matcher(word).matches() || entry.matcher(squeezed).matches();
        }
        // A starred-out word: try each vowel (and nothing) in place of each star.
        for (String candidate : unstar(word)) {
            if (entry.matcher(candidate).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> unstar(String word) {
        List<String> candidates = new ArrayList<>(List.of(""));
        for (char c : word.toCharArray()) {
            List<String> next = new ArrayList<>();
            for (String prefix : candidates) {
                if (c == '*' || c == '#') {
                    for (String letter : new String[] {"a", "e", "i", "o", "u", "c", "k", "g", ""}) {
                        next.add(prefix + letter);
                    }
                } else {
                    next.add(prefix + c);
                }
            }
            candidates = next.size() > 2000 ? next.subList(0, 2000) : next;
        }
        return candidates;
    }

    private static String deleet(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toCharArray()) {
            out.append(
                    switch (c) {
                        case '0' -> 'o';
                        case '1', '!', '|' -> 'i';
                        case '3' -> 'e';
                        case '4', '@' -> 'a';
                        case '5', '$' -> 's';
                        case '7' -> 't';
                        default -> c;
                    });
        }
        return out.toString().replace("'", "");
    }

    static String plain(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    private static String mask(String word) {
        int first = word.codePointAt(0);
        int letters = word.codePointCount(0, word.length());
        return new String(Character.toChars(first)) + "*".repeat(Math.max(letters - 1, 1));
    }
}
