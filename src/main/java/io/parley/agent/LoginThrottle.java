package io.parley.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per email and refuses further attempts once {@code maxFailures} fall within
 * {@code window}. In memory, per node: it slows down password guessing against one account, which is all it is
 * for; a success clears the count. Unknown emails are counted like known ones so the answer reveals nothing.
 */
class LoginThrottle {

    /** Beyond this many tracked emails, stale entries are swept on the next failure, so the map cannot grow unbounded. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** @return how long the caller must wait before trying this email again, empty when they may try now */
    Optional<Duration> blockedFor(String email) {
        Deque<Instant> recent = failures.get(key(email));
        if (recent == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() < maxFailures) {
                return Optional.empty();
            }
            // blocked until enough of the failures have aged out of the window
            Instant oldestThatCounts = recent.stream().skip(recent.size() - maxFailures).findFirst().orElseThrow();
            Duration wait = Duration.between(now, oldestThatCounts.plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    void failed(String email) {
        Instant now = clock.instant();
        if (failures.size() > SWEEP_THRESHOLD) {
            sweep(now);
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(email), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
        }
    }

    void succeeded(String email) {
        failures.remove(key(email));
    }

    private void sweep(Instant now) {
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                prune(recent, now);
                return recent.isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String email) {
        return email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
