package org.civic311.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure that means the database cannot be reached, which the application answers with 503 and a
 * time to retry: the client did nothing wrong and nothing it sent was accepted, so it should simply try again.
 */
public final class DatabaseDown {

    /** What clients are told to wait; the connection pool tries again on every call meanwhile. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public static final String MESSAGE = "the service is briefly unavailable; nothing was saved; please try again";

    private DatabaseDown() {}

    public static boolean causedBy(@Nullable Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DataAccessResourceFailureException
                    || e instanceof CannotCreateTransactionException
                    || e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // PostgreSQL's classes 08 (connection exception) and 57P (operator intervention: shutting down).
            if (e instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
