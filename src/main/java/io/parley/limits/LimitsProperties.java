package io.parley.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the limits module ({@code parley.limits.*}).
 *
 * @param enabled rate limits on (default true); body size limits always apply
 * @param maxBody largest request body on the API (default 64KB)
 * @param maxArticleBody largest body on {@code /api/articles/**}, where Markdown articles are written (default 2MB)
 * @param session widget sessions started ({@code POST /api/widget/sessions}), per address
 * @param conversation conversations started, per address and per customer
 * @param message customer messages (STOMP and REST), per address and per customer
 * @param typing typing indicators, per connection (held in memory: a connection lives on one node, and a typing
 *     indicator never touches the database)
 * @param search searches ({@code GET /api/search}), per address and per signed-in caller
 * @param helpful "Was this helpful?" answers on help-centre articles, per address
 * @param sweepInterval how often buckets idle for a day are deleted (once across nodes)
 */
@ConfigurationProperties("parley.limits")
public record LimitsProperties(Boolean enabled, DataSize maxBody, DataSize maxArticleBody, Limit session,
        Limit conversation, Limit message, Limit typing, Limit search, Limit helpful, Duration sweepInterval) {

    public LimitsProperties {
        enabled = enabled == null || enabled;
        maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
        maxArticleBody = maxArticleBody == null ? DataSize.ofMegabytes(2) : maxArticleBody;
        session = session == null ? new Limit(60, 0, Duration.ofMinutes(1)) : session;
        conversation = conversation == null ? new Limit(120, 10, Duration.ofMinutes(1)) : conversation;
        message = message == null ? new Limit(600, 30, Duration.ofMinutes(1)) : message;
        typing = typing == null ? new Limit(0, 20, Duration.ofSeconds(10)) : typing;
        search = search == null ? new Limit(120, 60, Duration.ofMinutes(1)) : search;
        // a reader rates a handful of articles; an office behind one address a few dozen an hour
        helpful = helpful == null ? new Limit(30, 0, Duration.ofHours(1)) : helpful;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(10) : sweepInterval;
    }

    /**
     * A token bucket: up to {@code perAddress} (or {@code perCustomer}) at once, refilled evenly over
     * {@code period}; 0 means no limit of that kind.
     */
    public record Limit(int perAddress, int perCustomer, Duration period) {

        public Limit {
            period = period == null || period.isZero() || period.isNegative() ? Duration.ofMinutes(1) : period;
        }
    }
}
