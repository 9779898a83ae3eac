package io.parley.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for durable listeners to finish with an event, read from Spring Modulith's event publication registry. The
 * registry row is written in the publishing transaction and, with {@code completion-mode: delete}, removed when the
 * listener returns: once the event is known to be committed, "no row left" means the listener has done its work.
 * Tests use it to prove that a listener did nothing (the bot stayed silent) without waiting for a while.
 */
public final class EventPublications {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private EventPublications() {
    }

    /**
     * Waits until no publication for a listener whose id contains {@code listener} (e.g. {@code "assistant.Bot"})
     * mentions {@code eventKey} (a message id, say) in its serialised event. Call it only after the publishing
     * transaction is known to have committed (its message was received or acknowledged).
     */
    public static void awaitHandled(JdbcClient jdbc, String listener, Object eventKey) {
        Awaitility.await(listener + " has handled the event of " + eventKey).atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                        select count(*) from event_publication
                        where listener_id like ? and serialized_event like ?""")
                        .param("%" + listener + "%").param("%" + eventKey + "%").query(Long.class).single() == 0);
    }
}
