package io.parley.insight.gaps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ContentGapRepository {

    private final JdbcClient jdbc;

    ContentGapRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A group row; {@code sum} is the sum of its questions' unit vectors. */
    record GroupRow(UUID id, String space, float[] sum, int count, Instant firstSeenAt, Instant lastSeenAt,
            UUID addressedArticleId, Instant addressedAt, String addressedBy) {
    }

    record QuestionRow(UUID id, UUID groupId, UUID conversationId, String question, String locale, String source,
            String articleId, boolean handedOff, String agentReply, Instant agentReplyAt, Instant createdAt) {
    }

    List<GroupRow> groupsIn(String space) {
        return jdbc.sql("select * from content_gap_group where vector_space = ? and question_count > 0").param(space)
                .query(ContentGapRepository::group).list();
    }

    Optional<GroupRow> group(UUID id) {
        return jdbc.sql("select * from content_gap_group where id = ?").param(id).query(ContentGapRepository::group).optional();
    }

    /** @param addressed null: all groups; true / false: only addressed / open ones */
    List<GroupRow> groups(Boolean addressed, String language, int limit) {
        StringBuilder sql = new StringBuilder("select * from content_gap_group g where question_count > 0");
        if (addressed != null) {
            sql.append(addressed ? " and addressed_at is not null" : " and addressed_at is null");
        }
        if (language != null) {
            sql.append(" and exists (select 1 from content_gap_question q where q.group_id = g.id"
                    + " and (q.locale = :language or q.locale like :language || '-%'))");
        }
        sql.append(" order by question_count desc, last_seen_at desc limit :limit");
        var spec = jdbc.sql(sql.toString()).param("limit", limit);
        if (language != null) {
            spec = spec.param("language", language);
        }
        return spec.query(ContentGapRepository::group).list();
    }

    void insertGroup(UUID id, String space, float[] sum, Instant at) {
        jdbc.sql("insert into content_gap_group (id, vector_space, centroid, question_count, first_seen_at, last_seen_at) "
                + "values (?, ?, ?, 0, ?, ?)").params(id, space, GapVectors.bytes(sum), ts(at), ts(at)).update();
    }

    void grow(UUID id, float[] sum, int added, Instant at) {
        jdbc.sql("update content_gap_group set centroid = ?, question_count = question_count + ?, "
                + "first_seen_at = least(first_seen_at, ?), last_seen_at = greatest(last_seen_at, ?) where id = ?")
                .params(GapVectors.bytes(sum), added, ts(at), ts(at), id).update();
    }

    /** Moves every question of {@code from} into {@code into}; the caller updates {@code into}'s sum and count. */
    void merge(UUID from, UUID into) {
        jdbc.sql("update content_gap_question set group_id = ? where group_id = ?").params(into, from).update();
        jdbc.sql("""
                update content_gap_group i set
                    first_seen_at = least(i.first_seen_at, f.first_seen_at),
                    last_seen_at = greatest(i.last_seen_at, f.last_seen_at),
                    addressed_article_id = coalesce(i.addressed_article_id, f.addressed_article_id),
                    addressed_at = case when i.addressed_article_id is null then f.addressed_at else i.addressed_at end,
                    addressed_by = case when i.addressed_article_id is null then f.addressed_by else i.addressed_by end
                from content_gap_group f where i.id = ? and f.id = ?""").params(into, from).update();
        jdbc.sql("delete from content_gap_group where id = ?").param(from).update();
    }

    /** @return false when the conversation already recorded this question */
    boolean insertQuestion(UUID id, UUID groupId, UUID conversationId, String question, String key, String locale,
            String source, String articleId, float[] vector, Instant at) {
        return jdbc.sql("insert into content_gap_question (id, group_id, conversation_id, question, question_key, locale, "
                + "source, article_id, handed_off, vector, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict do nothing")
                .params(id, groupId, conversationId, question, key, locale, source, articleId,
                        "handed_off".equals(source), GapVectors.bytes(vector), ts(at))
                .update() == 1;
    }

    boolean questionExists(UUID conversationId, String key) {
        return jdbc.sql("select exists (select 1 from content_gap_question where conversation_id = ? and question_key = ?)")
                .params(conversationId, key).query(Boolean.class).single();
    }

    /** Marks the conversation's latest gap question as handed off; false when it has none. */
    boolean markHandedOff(UUID conversationId) {
        return jdbc.sql("""
                update content_gap_question set handed_off = true where id = (
                    select id from content_gap_question where conversation_id = ? order by created_at desc limit 1)""")
                .param(conversationId).update() == 1;
    }

    /** Keeps the most substantial (longest) agent reply written after each of the conversation's gap questions. */
    int agentReplied(UUID conversationId, String text, Instant at) {
        return jdbc.sql("""
                update content_gap_question set agent_reply = ?, agent_reply_at = ?
                where conversation_id = ? and created_at <= ?
                  and (agent_reply is null or length(agent_reply) < length(?))""")
                .params(text, ts(at), conversationId, ts(at), text).update();
    }

    List<QuestionRow> questions(UUID groupId, int limit) {
        return jdbc.sql("select * from content_gap_question where group_id = ? order by created_at desc limit ?")
                .params(groupId, limit).query(ContentGapRepository::question).list();
    }

    void address(UUID groupId, UUID articleId, String by, Instant at) {
        jdbc.sql("update content_gap_group set addressed_article_id = ?, addressed_by = ?, addressed_at = ? where id = ?")
                .params(articleId, by, ts(at), groupId).update();
    }

    void reopen(UUID groupId) {
        jdbc.sql("update content_gap_group set addressed_article_id = null, addressed_by = null, addressed_at = null "
                + "where id = ?").param(groupId).update();
    }

    int questionsSince(UUID groupId, Instant since) {
        return jdbc.sql("select count(*) from content_gap_question where group_id = ? and created_at > ?")
                .params(groupId, ts(since)).query(Integer.class).single();
    }

    void signal(UUID articleId, String kind, UUID conversationId, Instant at) {
        jdbc.sql("insert into content_gap_article_signal (article_id, kind, conversation_id, at) values (?, ?, ?, ?)")
                .params(articleId, kind, conversationId, ts(at)).update();
    }

    /** A signal with its own id: recorded once however often it arrives. */
    void signalOnce(UUID sourceId, UUID articleId, String kind, Instant at) {
        jdbc.sql("insert into content_gap_article_signal (article_id, kind, conversation_id, at, source_id) "
                + "values (?, ?, null, ?, ?) on conflict (source_id) where source_id is not null do nothing")
                .params(articleId, kind, ts(at), sourceId).update();
    }

    /** Signal counts of one article from {@code since} on (null: ever). */
    ArticleUsage usage(UUID articleId, Instant since) {
        return jdbc.sql("""
                select count(*) filter (where kind = 'shown') as shown,
                       count(*) filter (where kind = 'helpful') as helpful,
                       count(*) filter (where kind = 'unhelpful') as unhelpful,
                       max(at) filter (where kind = 'shown') as last_shown
                from content_gap_article_signal where article_id = ? and at >= ?""")
                .params(articleId, ts(since == null ? Instant.EPOCH : since))
                .query((rs, n) -> new ArticleUsage(articleId, rs.getLong("shown"), rs.getLong("helpful"),
                        rs.getLong("unhelpful"), instant(rs.getTimestamp("last_shown"))))
                .single();
    }

    /** Signal counts of every article that has any. */
    List<ArticleUsage> usage() {
        return jdbc.sql("""
                select article_id,
                       count(*) filter (where kind = 'shown') as shown,
                       count(*) filter (where kind = 'helpful') as helpful,
                       count(*) filter (where kind = 'unhelpful') as unhelpful,
                       max(at) filter (where kind = 'shown') as last_shown
                from content_gap_article_signal group by article_id""")
                .query((rs, n) -> new ArticleUsage(rs.getObject("article_id", UUID.class), rs.getLong("shown"),
                        rs.getLong("helpful"), rs.getLong("unhelpful"), instant(rs.getTimestamp("last_shown"))))
                .list();
    }

    private static GroupRow group(ResultSet rs, int n) throws SQLException {
        return new GroupRow(rs.getObject("id", UUID.class), rs.getString("vector_space"),
                GapVectors.floats(rs.getBytes("centroid")), rs.getInt("question_count"),
                instant(rs.getTimestamp("first_seen_at")), instant(rs.getTimestamp("last_seen_at")),
                rs.getObject("addressed_article_id", UUID.class), instant(rs.getTimestamp("addressed_at")),
                rs.getString("addressed_by"));
    }

    private static QuestionRow question(ResultSet rs, int n) throws SQLException {
        return new QuestionRow(rs.getObject("id", UUID.class), rs.getObject("group_id", UUID.class),
                rs.getObject("conversation_id", UUID.class), rs.getString("question"), rs.getString("locale"),
                rs.getString("source"), rs.getString("article_id"), rs.getBoolean("handed_off"),
                rs.getString("agent_reply"), instant(rs.getTimestamp("agent_reply_at")),
                instant(rs.getTimestamp("created_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
