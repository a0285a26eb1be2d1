package org.civic311.common;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The key a page gives a form so that the form, sent twice (a second click, a reload that posts again), acts once:
 * a random UUID, written into the form and sent back with it.
 */
public final class FormKeys {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private FormKeys() {}

    /** A new key for a form. */
    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /** The key a form sent back, if it is one a page could have given; null otherwise. */
    public static @Nullable String of(@Nullable String sent) {
        return sent != null && KEY.matcher(sent).matches() ? sent : null;
    }
}
