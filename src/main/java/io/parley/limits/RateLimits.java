package io.parley.limits;

import java.time.Duration;
import java.util.Optional;

import io.parley.broker.ClusterJobs;

import org.springframework.stereotype.Service;

/**
 * The rate limits of {@link LimitsProperties}: an action is allowed when both the caller's customer bucket and its
 * address bucket have a token. Buckets live in PostgreSQL ({@link TokenBuckets}), so the limits hold across nodes.
 */
@Service
class RateLimits {

    /** The limited actions; the name is the bucket key's prefix. */
    enum Action { SESSION, CONVERSATION, MESSAGE, SEARCH, HELPFUL }

    private static final Duration IDLE_BUCKET = Duration.ofDays(1);

    private final LimitsProperties properties;
    private final TokenBuckets buckets;

    RateLimits(LimitsProperties properties, TokenBuckets buckets, ClusterJobs jobs) {
        this.properties = properties;
        this.buckets = buckets;
        jobs.every("rate-bucket-sweep", properties.sweepInterval(), () -> buckets.sweep(IDLE_BUCKET));
    }

    /**
     * Takes a token for {@code action} by this customer (may be null) from this address (may be null).
     *
     * @return empty when allowed, else how long the caller should wait
     */
    Optional<Duration> take(Action action, String address, String customerId) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        LimitsProperties.Limit limit = limit(action);
        if (customerId != null && limit.perCustomer() > 0) {
            Optional<Duration> wait = buckets.take(action.name().toLowerCase() + ":c:" + customerId, limit.perCustomer(), limit.period());
            if (wait.isPresent()) {
                return wait;
            }
        }
        if (address != null && limit.perAddress() > 0) {
            return buckets.take(action.name().toLowerCase() + ":a:" + address, limit.perAddress(), limit.period());
        }
        return Optional.empty();
    }

    private LimitsProperties.Limit limit(Action action) {
        return switch (action) {
            case SESSION -> properties.session();
            case CONVERSATION -> properties.conversation();
            case MESSAGE -> properties.message();
            case SEARCH -> properties.search();
            case HELPFUL -> properties.helpful();
        };
    }

    /** Whole seconds to put in {@code Retry-After}: at least 1. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
