package org.civic311.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The words of a jurisdiction's published articles, to read a query typed in a hurry ("grabage", "strret"): each word
 * the articles never use is read as the article word one slip away (a letter wrong, missing, extra or two swapped;
 * two slips in a long word). Read again a minute after it was last read, so a new article's words count soon, on every
 * instance.
 */
@Component
class Spelling {

    /** How long the words are kept before they are read again. */
    static final Duration KEPT = Duration.ofMinutes(1);

    /** Words shorter than this are too many letters from nothing else to be read as a slip. */
    private static final int SHORTEST = 4;

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private record Words(Set<String> words, Instant read) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Words> byJurisdiction = new ConcurrentHashMap<>();

    /** Counts the changes forgotten: words read before one are not kept after it. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    Spelling(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The query with each word the articles do not use read as the article word it was likely meant to be. */
    String corrected(String jurisdictionId, String query) {
        Set<String> known = words(jurisdictionId);
        Matcher words = WORD.matcher(query);
        StringBuilder corrected = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            String meant = word.length() < SHORTEST || known.contains(lower) ? word : closest(lower, known, word);
            words.appendReplacement(corrected, Matcher.quoteReplacement(meant));
        }
        words.appendTail(corrected);
        return corrected.toString();
    }

    private static String closest(String word, Set<String> known, String typed) {
        int allowed = word.length() >= 8 ? 2 : 1;
        String best = typed;
        int bestDistance = allowed + 1;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - word.length()) > allowed) {
                continue;
            }
            int distance = distance(word, candidate, bestDistance);
            if (distance < bestDistance
                    || (distance == bestDistance && distance <= allowed && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? best : typed;
    }

    /**
     * The optimal string alignment distance: letters put in, taken out, changed, or two neighbours swapped; stops
     * counting once past {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowBest = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowBest = Math.min(rowBest, d[i][j]);
            }
            if (rowBest > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * Reads the words again at the next search, once the change that calls this commits (an article published or
     * archived, a synonym defined): on this instance at once, on the others within {@link #KEPT}.
     */
    void forgetOnceCommitted(String jurisdictionId) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            changes.incrementAndGet();
                            byJurisdiction.remove(jurisdictionId);
                        }
                    });
        } else {
            changes.incrementAndGet();
            byJurisdiction.remove(jurisdictionId);
        }
    }

    private Set<String> words(String jurisdictionId) {
        Instant now = clock.instant();
        Words held = byJurisdiction.get(jurisdictionId);
        if (held != null && held.read().isAfter(now.minus(KEPT))) {
            return held.words();
        }
        long seen = changes.get();
        Set<String> words = new HashSet<>();
        List<String> texts = jdbc.sql(
                        """
                        select concat_ws(' ', title, body, array_to_string(keywords, ' ')) from knowledge_article
                        where jurisdiction_id = :j and status = 'PUBLISHED'
                        union all
                        select concat_ws(' ', term, array_to_string(alternatives, ' ')) from knowledge_synonym
                        where jurisdiction_id = :j""")
                .param("j", jurisdictionId)
                .query(String.class)
                .list();
        for (String text : texts) {
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        Set<String> kept = Set.copyOf(words);
        // Read while a change was committing, they may be the words before it: used once, not kept.
        if (changes.get() == seen) {
            byJurisdiction.put(jurisdictionId, new Words(kept, now));
        }
        return kept;
    }
}
