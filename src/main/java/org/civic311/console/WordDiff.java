package org.civic311.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changed between two texts, word by word: what a reviewer reads before publishing a new version of an article,
 * the published one beside it. The longest common run of words is kept; the rest is taken out or put in.
 */
final class WordDiff {

    /** A run of the text: kept as it was, taken out, or put in. */
    record Part(Kind kind, String text) {
        enum Kind {
            KEPT,
            REMOVED,
            ADDED
        }

        public boolean kept() {
            return kind == Kind.KEPT;
        }

        public boolean removed() {
            return kind == Kind.REMOVED;
        }
    }

    /** Words with the spaces after them, so that the parts put back together are the texts again. */
    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");

    /**
     * Beyond this many pairs of words (two articles of 2,000 words each), the comparison would take too much memory
     * (four bytes a pair): the whole is said changed.
     */
    private static final long MAX_PAIRS = 4_000_000;

    private WordDiff() {}

    static List<Part> between(String before, String after) {
        List<String> a = words(before);
        List<String> b = words(after);
        List<Part> parts = new ArrayList<>();
        if ((long) a.size() * b.size() > MAX_PAIRS) {
            add(parts, Part.Kind.REMOVED, before);
            add(parts, Part.Kind.ADDED, after);
            return parts;
        }
        // Compared without the spaces after them, each stripped once.
        String[] as = a.stream().map(String::strip).toArray(String[]::new);
        String[] bs = b.stream().map(String::strip).toArray(String[]::new);
        // lengths[i][j]: the longest common run of a from i and b from j.
        int[][] lengths = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lengths[i][j] = as[i].equals(bs[j])
                        ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (as[i].equals(bs[j])) {
                add(parts, Part.Kind.KEPT, b.get(j));
                i++;
                j++;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                add(parts, Part.Kind.REMOVED, a.get(i++));
            } else {
                add(parts, Part.Kind.ADDED, b.get(j++));
            }
        }
        while (i < a.size()) {
            add(parts, Part.Kind.REMOVED, a.get(i++));
        }
        while (j < b.size()) {
            add(parts, Part.Kind.ADDED, b.get(j++));
        }
        return parts;
    }

    /** Whether anything changed. */
    static boolean changed(List<Part> parts) {
        return parts.stream().anyMatch(part -> !part.kept());
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** Adds the text to the last part when it is of the same kind: runs, not single words. */
    private static void add(List<Part> parts, Part.Kind kind, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!parts.isEmpty() && parts.getLast().kind() == kind) {
            parts.set(parts.size() - 1, new Part(kind, parts.getLast().text() + text));
        } else {
            parts.add(new Part(kind, text));
        }
    }
}
