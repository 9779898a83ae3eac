package io.parley;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Resubmits the event publications a durable listener ({@link io.parley.core.DurableListener}) has not completed:
 * once at start-up (what the last process left when it died) and then periodically (a listener that failed while
 * the database was away). Only publications older than {@code min-age} are taken, so work another node is doing
 * right now is left alone; and one node at a time does it, under a PostgreSQL advisory lock held for the pass.
 * Listeners are idempotent, so a publication resubmitted while its first delivery still runs does no harm.
 */
@Component
class EventResubmission {

    private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);
    // pg_try_advisory_lock key of the pass: any fixed number no other lock of the application uses
    private static final long LOCK_KEY = 0x5041524c45590001L;

    private final IncompleteEventPublications incomplete;
    private final DataSource dataSource;
    private final EventProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    EventResubmission(IncompleteEventPublications incomplete, DataSource dataSource, EventProperties properties) {
        this.incomplete = incomplete;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.resubmitInterval().isZero()) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("event-resubmission-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        TaskScheduler tasks = scheduler;
        // the first pass at once: what the previous process left undone is answered without waiting a period
        tasks.scheduleWithFixedDelay(this::resubmitSafely, java.time.Instant.now(), properties.resubmitInterval());
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    private void resubmitSafely() {
        try {
            resubmit();
        }
        catch (RuntimeException e) {
            // the database may be away; the next pass tries again
            log.warn("Resubmitting incomplete event publications failed: {}", e.toString());
        }
    }

    /**
     * One pass, under a session-level advisory lock on a connection of its own. Not in a transaction: resubmitting
     * marks each publication, and the listener's completion deletes it from another connection, which would wait
     * for a transaction around the pass forever.
     *
     * @return whether this node held the lock and resubmitted
     */
    boolean resubmit() {
        try (Connection connection = dataSource.getConnection()) {
            if (!advisoryLock(connection, "select pg_try_advisory_lock(?)")) {
                return false;
            }
            try {
                incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitMinAge());
                return true;
            }
            finally {
                advisoryLock(connection, "select pg_advisory_unlock(?)");
            }
        }
        catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not take the event resubmission lock", e);
        }
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * @param resubmitInterval how often incomplete publications are resubmitted (the first pass runs at start-up);
     *     0 turns resubmission off
     * @param resubmitMinAge only publications at least this old are resubmitted, so work in flight is left alone
     */
    @ConfigurationProperties("parley.events")
    record EventProperties(Duration resubmitInterval, Duration resubmitMinAge) {
        EventProperties {
            resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(15) : resubmitInterval;
            resubmitMinAge = resubmitMinAge == null ? Duration.ofSeconds(30) : resubmitMinAge;
        }
    }
}
