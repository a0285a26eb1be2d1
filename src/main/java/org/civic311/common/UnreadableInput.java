package org.civic311.common;

import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a failure caused by input that could not even be read or stored as sent (a query string with an
 * empty parameter name, a NUL character PostgreSQL cannot keep, a value too long for an index), which deserves a
 * 400 naming the problem, not a 500: the client can fix it.
 */
public final class UnreadableInput {

    private UnreadableInput() {}

    /**
     * Whether the failure was an upload larger than allowed, however deep the container buried it (a form's parameters
     * are read, and its files with them, by whichever filter asks first).
     */
    public static boolean tooLarge(@Nullable Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String name = e.getClass().getSimpleName();
            if (name.endsWith("SizeLimitExceededException") || name.equals("MaxUploadSizeExceededException")) {
                return true;
            }
        }
        return false;
    }

    /** The problem to tell the client, when the failure was the input's. */
    public static Optional<String> problem(@Nullable Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
                return Optional.of("the request's parameters could not be read (a name is empty or badly encoded)");
            }
            if (e.getClass().getName().equals("org.springframework.security.web.firewall.RequestRejectedException")) {
                return Optional.of("the request holds a name or character that is not allowed");
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22021", "22P05" -> {
                        return Optional.of("a value holds a character that cannot be stored (such as NUL)");
                    }
                    case "54000", "22001" -> {
                        return Optional.of("a value is too long");
                    }
                    case "22008", "22007" -> {
                        return Optional.of("a date or time is out of range or badly written");
                    }
                    default -> {}
                }
            }
        }
        return Optional.empty();
    }
}
