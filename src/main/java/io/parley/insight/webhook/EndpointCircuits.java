package io.parley.insight.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A circuit per webhook endpoint: after {@code threshold} consecutive failed attempts it opens, and the endpoint's
 * deliveries wait (no attempts spent, nothing sent) for {@code openFor}. Then one attempt is let through
 * (half-open): a success closes the circuit, a failure opens it again at once. Kept per node: it only saves a
 * struggling receiver (and our lanes) from traffic; the deliveries themselves are in PostgreSQL.
 */
final class EndpointCircuits {

    private record State(int failures, Instant openUntil) {
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private final ConcurrentHashMap<UUID, State> states = new ConcurrentHashMap<>();

    EndpointCircuits(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Endpoints whose circuit is open now: their deliveries are not claimed. */
    Set<UUID> open() {
        Instant now = clock.instant();
        return states.entrySet().stream().filter(e -> e.getValue().openUntil() != null && now.isBefore(e.getValue().openUntil()))
                .map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
    }

    boolean isOpen(UUID endpoint) {
        State state = states.get(endpoint);
        return state != null && state.openUntil() != null && clock.instant().isBefore(state.openUntil());
    }

    void succeeded(UUID endpoint) {
        states.remove(endpoint);
    }

    void failed(UUID endpoint) {
        states.compute(endpoint, (id, state) -> {
            int failures = state == null ? 1 : state.failures() + 1;
            return new State(failures, failures >= threshold ? clock.instant().plus(openFor) : null);
        });
    }

    /** When the open circuit of {@code endpoint} lets an attempt through again (now, when it is closed). */
    Instant retryAt(UUID endpoint) {
        State state = states.get(endpoint);
        return state == null || state.openUntil() == null ? clock.instant() : state.openUntil();
    }
}
