package org.civic311.notifications;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a post is by a platform's own rules: X allows 280 characters and Mastodon 500, and both count every link
 * as 23 characters whatever its length. X weighs characters: Latin, Greek, Cyrillic, Hebrew, Arabic and the like and
 * some punctuation count one, others (Chinese, Japanese, Korean...) two, and an emoji, however many code points make
 * it, two.
 */
enum PostLength {
    X(280) {
        @Override
        Pattern links() {
            return X_LINK;
        }

        @Override
        int weight(String cluster) {
            if (cluster.codePoints().anyMatch(Character::isExtendedPictographic)) {
                return 2;
            }
            return cluster.codePoints().map(PostLength::xWeight).sum();
        }
    },
    FEDIVERSE(500) {
        @Override
        Pattern links() {
            return URL;
        }

        @Override
        int weight(String cluster) {
            return cluster.codePointCount(0, cluster.length());
        }

        /** Mastodon counts a mention of another server's account by its name alone: "@amara@mastodon.social" as "@amara". */
        @Override
        String counted(String text) {
            return REMOTE_MENTION.matcher(text).replaceAll("$1");
        }
    };

    private static final Pattern REMOTE_MENTION =
            Pattern.compile("(?<![\\w/@])(@\\w+)@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?", Pattern.CASE_INSENSITIVE);

    static final int LINK = 23;
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * X also takes a domain written without its scheme ("toronto.ca/311") for a link, and counts it as 23 too; an
     * address in an email ("311@toronto.ca") is not one. The common top-level domains, as X's own list is long.
     */
    private static final Pattern X_LINK = Pattern.compile(
            "https?://\\S+|(?<![\\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+"
                    + "(?:com|org|net|gov|edu|int|info|biz|io|co|me|ly|app|dev|ca|us|uk|fr|de|be|ch|quebec|ontario|nyc)"
                    + "(?![\\w@-])(?:/\\S*)?",
            Pattern.CASE_INSENSITIVE);

    /** What the platform counts as a link. */
    abstract Pattern links();

    private final int limit;

    PostLength(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** How much one user-perceived character (a grapheme cluster) counts. */
    abstract int weight(String cluster);

    /** X's ranges of weight one, from its published counting rules (twitter-text v3); the rest weigh two. */
    private static int xWeight(int codePoint) {
        boolean light = codePoint <= 0x10FF
                || (codePoint >= 0x2000 && codePoint <= 0x200D)
                || (codePoint >= 0x2010 && codePoint <= 0x201F)
                || (codePoint >= 0x2032 && codePoint <= 0x2037);
        return light ? 1 : 2;
    }

    /** The text as the platform counts it. */
    String counted(String text) {
        return text;
    }

    int of(String written) {
        String text = counted(written);
        Matcher links = links().matcher(text);
        int length = 0;
        int from = 0;
        while (links.find()) {
            length += weighed(text.substring(from, links.start())) + LINK;
            from = links.end();
        }
        return length + weighed(text.substring(from));
    }

    private int weighed(String text) {
        java.text.BreakIterator clusters = java.text.BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
        clusters.setText(text);
        int total = 0;
        for (int start = clusters.first(), end = clusters.next();
                end != java.text.BreakIterator.DONE;
                start = end, end = clusters.next()) {
            total += weight(text.substring(start, end));
        }
        return total;
    }

    boolean fits(String text) {
        return of(text) <= limit;
    }

    /** The text with its middle part shortened (with an ellipsis) so that head + middle + tail fits. */
    String fit(String head, String middle, String tail) {
        String kept = kept(head, middle, tail);
        return kept.equals(middle) ? head + middle + tail : head + kept + "…" + tail;
    }

    /** What of the middle part such a post keeps: the whole if it fits, else its start, before the ellipsis. */
    String kept(String head, String middle, String tail) {
        if (fits(head + middle + tail)) {
            return middle;
        }
        int room = limit - of(head + tail) - 1;
        if (room <= 0) {
            throw new IllegalArgumentException("no room for the message in " + name());
        }
        int[] points = middle.codePoints().toArray();
        int keep = Math.min(points.length, room);
        while (keep > 0 && !fits(head + new String(points, 0, keep).stripTrailing() + "…" + tail)) {
            keep--;
        }
        return atBoundary(middle, new String(points, 0, keep)).stripTrailing();
    }

    /**
     * The cut moved back so that it leaves no link half there (it would lead nowhere) and, where a word ends in the
     * last stretch, no word half said.
     */
    static String atBoundary(String whole, String cut) {
        Matcher links = X_LINK.matcher(whole);
        while (links.find()) {
            if (links.start() < cut.length() && links.end() > cut.length()) {
                return cut.substring(0, links.start());
            }
        }
        if (cut.length() == whole.length() || Character.isWhitespace(whole.charAt(cut.length()))) {
            return cut;
        }
        int space = cut.length() - 1;
        while (space > 0 && !Character.isWhitespace(cut.charAt(space))) {
            space--;
        }
        return space > 0 && cut.length() - space <= 40 ? cut.substring(0, space) : cut;
    }
}
