package io.parley.core;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fail-fast circuit in front of the database. When a connection cannot be had because the server is unreachable,
 * the circuit opens for a short period: every caller in that period fails at once, with the retryable
 * {@code unavailable}, instead of waiting out the connection timeout itself (which, multiplied by every STOMP frame,
 * request and listener, stalls all chat). After the period one caller is let through as a probe; its success closes
 * the circuit, its failure opens it for another period. A pool that is merely busy (all connections in use, the
 * server fine) does not open it: that passes by itself, and refusing everyone would make it worse.
 */
public final class DatabaseCircuit {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCircuit.class);

    private final long openForNanos;
    private final LongSupplier nanoTime;
    private volatile boolean open;
    private volatile long retryAtNanos;
    private final AtomicBoolean probing = new AtomicBoolean();

    public DatabaseCircuit(Duration openFor) {
        this(openFor, System::nanoTime);
    }

    DatabaseCircuit(Duration openFor, LongSupplier nanoTime) {
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Whether a caller may try the database now. While open: no, until the period is over; then exactly one caller
     * (the probe) gets a yes, the others keep failing fast until it has reported back.
     */
    public boolean allowsAttempt() {
        if (!open) {
            return true;
        }
        return nanoTime.getAsLong() - retryAtNanos >= 0 && probing.compareAndSet(false, true);
    }

    /** Open (or half-open, waiting for its probe): the database was unreachable and has not been reached since. */
    public boolean isOpen() {
        return open;
    }

    /** A connection was had: the database is back. */
    public void succeeded() {
        if (open) {
            open = false;
            probing.set(false);
            log.info("The database is reachable again; calls go through");
        }
    }

    /**
     * A connection attempt failed: opens the circuit when the failure says the server is unreachable.
     *
     * @return whether it did
     */
    public boolean failed(Throwable failure) {
        if (!unreachable(failure)) {
            probing.set(false);
            return false;
        }
        retryAtNanos = nanoTime.getAsLong() + openForNanos;
        if (!open) {
            log.warn("The database is unreachable ({}); calls fail at once with `unavailable` for {} ms, then one "
                    + "is let through to see whether it is back", failure.toString(), openForNanos / 1_000_000);
        }
        open = true;
        probing.set(false);
        return true;
    }

    /**
     * The server could not be reached or is going away: PostgreSQL's connection exceptions (SQLSTATE class 08), a
     * shutdown or recovery in progress (57P01-57P03), a refused socket. Hikari's "request timed out" with no such
     * cause is a busy pool, not an unreachable server.
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
