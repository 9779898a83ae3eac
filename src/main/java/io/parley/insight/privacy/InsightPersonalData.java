package io.parley.insight.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.core.PersonalDataSource;
import io.parley.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Insight's facts about a customer. Erasure anonymises rather than deletes them: the figures (conversations,
 * resolution rate, CSAT, NPS) keep counting the erased customer's conversations, but every fact now carries a fresh
 * random id that links to nobody, and the free texts (comments, questions) are gone. Webhook deliveries that
 * carried the customer's data are deleted.
 */
@Component
class InsightPersonalData implements PersonalDataSource {

    private static final String CONVERSATIONS = "(select conversation_id from insight_conversation where customer_id = :customer)";

    private final JdbcClient jdbc;

    InsightPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "facts";
    }

    @Override
    public Facts export(UUID customerId) {
        return new Facts(
                list("select conversation_id, locale, started_at from insight_conversation "
                        + "where customer_id = :customer order by started_at", customerId,
                        (rs, n) -> new ConversationFact(uuid(rs, "conversation_id"), rs.getString("locale"),
                                PersonalDataSource.instant(rs, "started_at"))),
                list("select conversation_id, score, comment, at from insight_rating "
                        + "where customer_id = :customer order by at", customerId,
                        (rs, n) -> new RatingFact(uuid(rs, "conversation_id"), rs.getInt("score"),
                                rs.getString("comment"), PersonalDataSource.instant(rs, "at"))),
                list("select score, comment, at from insight_nps_response "
                        + "where customer_id = :customer order by at", customerId,
                        (rs, n) -> new NpsResponseFact(rs.getInt("score"), rs.getString("comment"),
                                PersonalDataSource.instant(rs, "at"))),
                list("select conversation_id, touchpoint, sent_at from insight_nps_survey "
                        + "where customer_id = :customer order by sent_at", customerId,
                        (rs, n) -> new NpsSurveyFact(uuid(rs, "conversation_id"), rs.getString("touchpoint"),
                                PersonalDataSource.instant(rs, "sent_at"))),
                list("select conversation_id, article_id, helpful, at from insight_feedback "
                        + "where conversation_id in " + CONVERSATIONS + " order by at", customerId,
                        (rs, n) -> new ArticleFeedbackFact(uuid(rs, "conversation_id"), rs.getString("article_id"),
                                rs.getBoolean("helpful"), PersonalDataSource.instant(rs, "at"))),
                list("select conversation_id, question, locale, source, created_at "
                        + "from content_gap_question where conversation_id in " + CONVERSATIONS + " order by created_at",
                        customerId,
                        (rs, n) -> new UnansweredQuestionFact(uuid(rs, "conversation_id"), rs.getString("question"),
                                rs.getString("locale"), rs.getString("source"), PersonalDataSource.instant(rs, "created_at"))));
    }

    /** Insight's part of the export; the field names are the export's JSON keys. */
    record Facts(List<ConversationFact> conversations, List<RatingFact> ratings, List<NpsResponseFact> npsResponses,
            List<NpsSurveyFact> npsSurveys, List<ArticleFeedbackFact> articleFeedback,
            List<UnansweredQuestionFact> unansweredQuestions) {
    }

    record ConversationFact(UUID conversationId, String locale, Instant startedAt) {
    }

    record RatingFact(UUID conversationId, int score, String comment, Instant at) {
    }

    record NpsResponseFact(int score, String comment, Instant at) {
    }

    /** @param conversationId null for a survey not sent from a conversation */
    record NpsSurveyFact(UUID conversationId, String touchpoint, Instant sentAt) {
    }

    record ArticleFeedbackFact(UUID conversationId, String articleId, boolean helpful, Instant at) {
    }

    record UnansweredQuestionFact(UUID conversationId, String question, String locale, String source, Instant createdAt) {
    }

    @EventListener
    @Order(CustomerErased.BEFORE_CONVERSATIONS)
    void on(CustomerErased event) {
        UUID customer = event.customerId();
        // deliveries (sent or pending) whose payload names the customer or one of their conversations
        jdbc.sql("""
                delete from insight_webhook_delivery d where position(:customerText in d.payload) > 0
                    or exists (select 1 from insight_conversation c where c.customer_id = :customer
                               and position(c.conversation_id::text in d.payload) > 0)""")
                .param("customerText", customer.toString()).param("customer", customer).update();
        // the customer's own words: unanswered questions go, their groups are recounted
        jdbc.sql("""
                with removed as (delete from content_gap_question where conversation_id in """ + CONVERSATIONS + """
                    returning group_id)
                update content_gap_group g set question_count = g.question_count - r.n
                from (select group_id, count(*) as n from removed group by group_id) r where g.id = r.group_id""")
                .param("customer", customer).update();
        jdbc.sql("update content_gap_article_signal set conversation_id = null where conversation_id in " + CONVERSATIONS)
                .param("customer", customer).update();
        // one pseudonym per erasure: facts of the same customer still add up per customer in the figures, but
        // nothing outside this table knows the pseudonym
        UUID pseudonym = UUID.randomUUID();
        update("update insight_conversation set customer_id = :pseudonym where customer_id = :customer", customer, pseudonym);
        update("update insight_rating set customer_id = :pseudonym, comment = null where customer_id = :customer", customer, pseudonym);
        update("update insight_ticket set customer_id = :pseudonym where customer_id = :customer", customer, pseudonym);
        update("update insight_nps_survey set customer_id = :pseudonym where customer_id = :customer", customer, pseudonym);
        update("update insight_nps_response set customer_id = :pseudonym, comment = null, follow_up_note = null "
                + "where customer_id = :customer", customer, pseudonym);
    }

    private <T> List<T> list(String sql, UUID customer, RowMapper<T> row) {
        return jdbc.sql(sql).param("customer", customer).query(row).list();
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private void update(String sql, UUID customer, UUID pseudonym) {
        jdbc.sql(sql).param("customer", customer).param("pseudonym", pseudonym).update();
    }
}
