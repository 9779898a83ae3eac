package io.parley.assistant.calibration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.assistant.AssistantProperties;
import io.parley.core.Language;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The labels people gave the bot's answers (see {@link AnswerLabel.Source}), stored once per source event and
 * bounded in number: the calibration reads the most recent ones per language with {@link #recent}.
 * <p>
 * The store is bounded twice: by {@code parley.assistant.labels.max-stored} overall (the oldest go first), and by
 * {@code max-per-conversation}, so that one conversation (one insistent customer) cannot outweigh the others.
 */
@Service
public class AnswerLabels {

    /** The most one page of {@link #page} returns. */
    public static final int MAX_PAGE = 200;

    private static final String COLUMNS = "id, query, locale, article_slug, article_locale, verdict, source, created_at, "
            + "conversation_id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AssistantProperties.Labels settings;

    AnswerLabels(JdbcClient jdbc, Clock clock, AssistantProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.labels();
    }

    /** A label to store; {@code sourceKey} identifies the event it came from (a redelivery stores nothing). */
    public record NewLabel(AnswerLabel.Source source, String sourceKey, String query, String locale,
            String articleSlug, String articleLocale, AnswerLabel.Verdict verdict, UUID conversationId) {
    }

    /** One page of labels, newest first. */
    public record Page(List<AnswerLabel> labels, long total, int offset, int limit) {
    }

    /**
     * The most recent labels of a locale's language ({@code pt-BR} reads every {@code pt} label), newest first: what
     * the calibration refits from.
     *
     * @param limit at most this many (and never more than {@code max-stored})
     */
    public List<AnswerLabel> recent(String locale, int limit) {
        int n = Math.max(0, Math.min(limit, settings.maxStored()));
        if (n == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from answer_label where language = ? order by created_at desc, id limit ?")
                .params(Language.codeOf(locale), n).query(AnswerLabels::map).list();
    }

    /** A page of labels, newest first, of one locale's language or (locale null or blank) of all. */
    public Page page(String locale, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int from = Math.max(0, offset);
        boolean all = locale == null || locale.isBlank();
        String where = all ? "" : " where language = :language";
        var count = jdbc.sql("select count(*) from answer_label" + where);
        var rows = jdbc.sql("select " + COLUMNS + " from answer_label" + where
                + " order by created_at desc, id limit :limit offset :offset").param("limit", size).param("offset", from);
        if (!all) {
            count = count.param("language", Language.codeOf(locale));
            rows = rows.param("language", Language.codeOf(locale));
        }
        return new Page(rows.query(AnswerLabels::map).list(), count.query(Long.class).single(), from, size);
    }

    /**
     * Stores a label unless one from the same source event exists, or its conversation already has
     * {@code max-per-conversation}; then trims the store to {@code max-stored}. Runs in the caller's transaction
     * when there is one (the bot's reply, the agent's message), so the label commits with what it is about.
     *
     * @return whether it was stored
     */
    @Transactional
    public boolean record(NewLabel label) {
        if (label.query() == null || label.query().isBlank() || label.verdict() == null || label.source() == null) {
            return false;
        }
        if (label.conversationId() != null && jdbc.sql("select count(*) from answer_label where conversation_id = ?")
                .param(label.conversationId()).query(Long.class).single() >= settings.maxPerConversation()) {
            return false;
        }
        int stored = jdbc.sql("""
                insert into answer_label (id, source, source_key, query, locale, language, article_slug, article_locale,
                    verdict, conversation_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (source, source_key) do nothing""")
                .params(UUID.randomUUID(), label.source().json(), label.sourceKey(), clip(label.query()),
                        label.locale() == null ? Language.DEFAULT.code() : label.locale(), Language.codeOf(label.locale()),
                        label.articleSlug(), label.articleSlug() == null ? null : label.articleLocale(),
                        label.verdict().json(), label.conversationId(), Timestamp.from(clock.instant()))
                .update();
        if (stored > 0) {
            trim();
        }
        return stored > 0;
    }

    /**
     * A writer's verdict replaces the same writer's earlier verdict on the same question (they changed their mind),
     * rather than adding a second one.
     */
    @Transactional
    public void recordWriterVerdict(NewLabel label) {
        jdbc.sql("delete from answer_label where source = ? and source_key = ?")
                .params(AnswerLabel.Source.WRITER_VERDICT.json(), label.sourceKey()).update();
        record(label);
    }

    /** Deletes the oldest labels beyond {@code max-stored}; cheap by the index on created_at. */
    private void trim() {
        jdbc.sql("""
                delete from answer_label where id in (
                    select id from answer_label order by created_at desc, id offset ?)""")
                .param(settings.maxStored()).update();
    }

    /** A question longer than this is cut: labels are for calibration, not a transcript. */
    private static String clip(String query) {
        String q = query.strip();
        return q.length() <= 2_000 ? q : q.substring(0, 2_000);
    }

    private static AnswerLabel map(ResultSet rs, int row) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new AnswerLabel(rs.getObject("id", UUID.class), rs.getString("query"), rs.getString("locale"),
                rs.getString("article_slug"), rs.getString("article_locale"),
                AnswerLabel.Verdict.of(rs.getString("verdict")), AnswerLabel.Source.of(rs.getString("source")),
                created == null ? Instant.EPOCH : created.toInstant(), rs.getObject("conversation_id", UUID.class));
    }
}
