package org.civic311.notifications;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a post is by a platform's own rules: X allows 280 characters and Mastodon 500, and both count every link
 * as 23 characters whatever its length.
 */
enum PostLength {
    X(280),
    FEDIVERSE(500);

    static final int LINK = 23;
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final int limit;

    PostLength(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    int of(String text) {
        Matcher links = URL.matcher(text);
        int length = 0;
        int from = 0;
        while (links.find()) {
            length += text.codePointCount(from, links.start()) + LINK;
            from = links.end();
        }
        return length + text.codePointCount(from, text.length());
    }

    boolean fits(String text) {
        return of(text) <= limit;
    }

    /** The text with its middle part shortened (with an ellipsis) so that head + middle + tail fits. */
    String fit(String head, String middle, String tail) {
        String whole = head + middle + tail;
        if (fits(whole)) {
            return whole;
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
        return head + new String(points, 0, keep).stripTrailing() + "…" + tail;
    }
}
