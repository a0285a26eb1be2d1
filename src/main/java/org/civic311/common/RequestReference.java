package org.civic311.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The reference of the HTTP request being answered: on every log line written while it is, in the {@code X-Request-Id}
 * response header, and on a failure's page or error body, so that what a resident or a client quotes leads to the
 * lines that explain it.
 */
public final class RequestReference {

    /** The key under which the log lines carry it. */
    public static final String LOG_KEY = "request";

    /** The header a proxy or client may send it in (then kept, so one reference follows a call through), and answered. */
    public static final String HEADER = "X-Request-Id";

    // What a proxy sends is kept only if it is plainly an identifier: it is written into logs and pages.
    private static final Pattern SENT = Pattern.compile("[A-Za-z0-9._:-]{6,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestReference() {}

    /** The reference a request is known by: the one it was sent with if that is fit to log, else a new one. */
    public static String of(@Nullable String sent) {
        if (sent != null && SENT.matcher(sent).matches()) {
            return sent;
        }
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The reference of the request this thread is answering, if it is answering one. */
    public static @Nullable String current() {
        return MDC.get(LOG_KEY);
    }

    /** The message with the reference to quote appended, for an error the caller can do nothing about. */
    public static String quoted(String message) {
        String reference = current();
        return reference == null ? message : message + " (reference " + reference + ")";
    }
}
