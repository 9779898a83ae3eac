package io.parley.limits;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, shared by every node. Taking a token is one atomic upsert that refills the bucket by
 * the time elapsed on the database's clock and spends a token only when one is there; concurrent takes on one key
 * queue on its row, so a burst spread over nodes gets exactly the bucket's size.
 */
@Component
class TokenBuckets {

    private final JdbcClient jdbc;

    TokenBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one token from the bucket {@code key} of {@code capacity} tokens refilled over {@code period}.
     *
     * @return empty when taken, else how long until a token is there
     */
    Optional<Duration> take(String key, int capacity, Duration period) {
        double perSecond = capacity / (period.toMillis() / 1000.0);
        Optional<Double> left = jdbc.sql("""
                insert into rate_bucket as b (key, tokens, updated_at) values (:key, :capacity - 1, clock_timestamp())
                on conflict (key) do update
                   set tokens = least(:capacity, b.tokens + extract(epoch from clock_timestamp() - b.updated_at) * :rate) - 1,
                       updated_at = clock_timestamp()
                 where least(:capacity, b.tokens + extract(epoch from clock_timestamp() - b.updated_at) * :rate) >= 1
                returning tokens""")
                .param("key", key).param("capacity", (double) capacity).param("rate", perSecond)
                .query(Double.class).optional();
        if (left.isPresent()) {
            return Optional.empty();
        }
        double seconds = jdbc.sql("""
                select greatest(0, (1 - least(:capacity, tokens + extract(epoch from clock_timestamp() - updated_at) * :rate)) / :rate)
                  from rate_bucket where key = :key""")
                .param("key", key).param("capacity", (double) capacity).param("rate", perSecond)
                .query(Double.class).optional().orElse(0.0);
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    }

    /** Deletes buckets untouched for longer than {@code idle}: they would be full again anyway. */
    int sweep(Duration idle) {
        return jdbc.sql("delete from rate_bucket where updated_at < clock_timestamp() - :millis * interval '1 millisecond'")
                .param("millis", idle.toMillis()).update();
    }
}
