package io.parley.assistant.intent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.parley.assistant.AssistantProperties;
import io.parley.core.InvalidInput;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sensitive topics in force: as an admin last saved them (PostgreSQL, so every node uses the same), else the
 * configured ones ({@code parley.assistant.sensitive-topics}, else {@link SensitiveTopics#DEFAULTS}). The compiled
 * matcher is kept in memory; a save on this node applies at once, one on another node within {@link #REFRESH_NANOS}.
 */
@Component
public class SensitiveTopicStore {

    static final long REFRESH_NANOS = 10_000_000_000L;
    static final int MAX_TOPICS = 50;
    static final int MAX_PHRASES = 500;
    static final int MAX_PHRASE_LENGTH = 200;
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{1,59}");

    /**
     * @param source {@code admin} (saved in the admin pages) or {@code configuration}
     * @param updatedAt when an admin saved them; null for the configured ones
     */
    public record Settings(String source, List<SensitiveTopics.Topic> topics, Instant updatedAt, String updatedBy) {
    }

    private record Loaded(Settings settings, SensitiveTopics compiled, long loadedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final List<SensitiveTopics.Topic> configured;
    private volatile Loaded loaded;

    SensitiveTopicStore(JdbcClient jdbc, JsonMapper json, Clock clock, AssistantProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.configured = properties.sensitiveTopics();
    }

    /** The matcher the bot uses for the next message. */
    public SensitiveTopics current() {
        return load().compiled();
    }

    public Settings settings() {
        return load().settings();
    }

    /** Replaces every topic (an empty list is allowed: nothing is treated as sensitive). */
    @Transactional
    public Settings save(List<SensitiveTopics.Topic> topics, String by) {
        List<SensitiveTopics.Topic> valid = validate(topics);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into assistant_sensitive_topics (id, topics, updated_at, updated_by) values (true, ?::jsonb, ?, ?)
                on conflict (id) do update set topics = excluded.topics, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .params(json.writeValueAsString(valid), now, by == null ? "admin" : by).update();
        loaded = null;
        return settings();
    }

    /** Back to the configured topics. */
    @Transactional
    public Settings reset() {
        jdbc.sql("delete from assistant_sensitive_topics").update();
        loaded = null;
        return settings();
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l == null || System.nanoTime() - l.loadedAt() > REFRESH_NANOS) {
            Optional<Settings> saved = jdbc.sql("select topics::text as topics, updated_at, updated_by from assistant_sensitive_topics")
                    .query((rs, n) -> new Settings("admin", json.readValue(rs.getString("topics"),
                            new TypeReference<List<SensitiveTopics.Topic>>() { }), rs.getTimestamp("updated_at").toInstant(),
                            rs.getString("updated_by")))
                    .optional();
            Settings settings = saved.orElseGet(() -> new Settings("configuration", configured, null, null));
            l = new Loaded(settings, new SensitiveTopics(settings.topics()), System.nanoTime());
            loaded = l;
        }
        return l;
    }

    private static List<SensitiveTopics.Topic> validate(List<SensitiveTopics.Topic> topics) {
        if (topics == null) {
            throw InvalidInput.field("topics", "is required (a list of {reason, phrases})");
        }
        if (topics.size() > MAX_TOPICS) {
            throw InvalidInput.field("topics", "has " + topics.size() + " topics; at most " + MAX_TOPICS);
        }
        Set<String> reasons = new HashSet<>();
        List<SensitiveTopics.Topic> result = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            SensitiveTopics.Topic topic = topics.get(i);
            String reason = topic == null || topic.reason() == null ? "" : topic.reason().strip();
            if (!REASON.matcher(reason).matches()) {
                throw InvalidInput.field("topics[" + i + "].reason",
                        "must be a reason code of 2 to 60 characters: lower-case letters, digits and _ (e.g. refund_request)");
            }
            if (!reasons.add(reason)) {
                throw InvalidInput.field("topics[" + i + "].reason", "'" + reason + "' appears twice");
            }
            List<String> phrases = new ArrayList<>();
            for (String phrase : topic.phrases() == null ? List.<String>of() : topic.phrases()) {
                String p = phrase == null ? "" : phrase.strip();
                if (p.length() > MAX_PHRASE_LENGTH) {
                    throw InvalidInput.field("topics[" + i + "].phrases", "'" + p.substring(0, 40)
                            + "…' is longer than " + MAX_PHRASE_LENGTH + " characters");
                }
                if (!p.isEmpty() && !phrases.contains(p)) {
                    phrases.add(p);
                }
            }
            if (phrases.isEmpty() || phrases.size() > MAX_PHRASES) {
                throw InvalidInput.field("topics[" + i + "].phrases", "needs 1 to " + MAX_PHRASES + " phrases");
            }
            result.add(new SensitiveTopics.Topic(reason, List.copyOf(phrases)));
        }
        return List.copyOf(result);
    }
}
