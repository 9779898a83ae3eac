package io.parley.core;

import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that will pass (the database is away or overloaded, a connection could not be had within
 * {@code parley.database.connection-timeout}) from one that will not. Clients get the retryable code
 * {@value #CODE} for the first kind and resend the same request (same clientMessageId), which then lands once.
 */
public final class Unavailable {

    /** The retryable error code (STOMP error replies, problem+json). */
    public static final String CODE = "unavailable";
    public static final String REASON = "The service is briefly unavailable; nothing was stored. Send it again (with the same clientMessageId).";

    private Unavailable() {
    }

    /** Whether the failure (or any of its causes) means the database could not be reached or answer in time. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientException
                    || t instanceof java.sql.SQLRecoverableException || isConnectionFailure(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    // PostgreSQL's SQLSTATE class 08 (connection exception) and 57P0x (the server shutting down / in recovery)
    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P0");
        }
        return false;
    }
}
