package io.parley.insight.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.core.PersonalDataSource;
import io.parley.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
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
    public Object export(UUID customerId) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("conversations", rows("select conversation_id, locale, started_at from insight_conversation "
                + "where customer_id = :customer order by started_at", customerId));
        facts.put("ratings", rows("select conversation_id, score, comment, at from insight_rating "
                + "where customer_id = :customer order by at", customerId));
        facts.put("npsResponses", rows("select score, comment, at from insight_nps_response "
                + "where customer_id = :customer order by at", customerId));
        facts.put("npsSurveys", rows("select conversation_id, touchpoint, sent_at from insight_nps_survey "
                + "where customer_id = :customer order by sent_at", customerId));
        facts.put("articleFeedback", rows("select conversation_id, article_id, helpful, at from insight_feedback "
                + "where conversation_id in " + CONVERSATIONS + " order by at", customerId));
        facts.put("unansweredQuestions", rows("select conversation_id, question, locale, source, created_at "
                + "from content_gap_question where conversation_id in " + CONVERSATIONS + " order by created_at", customerId));
        return facts;
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

    private List<Map<String, Object>> rows(String sql, UUID customer) {
        return PersonalDataSource.rows(jdbc.sql(sql).param("customer", customer).query().listOfRows());
    }

    private void update(String sql, UUID customer, UUID pseudonym) {
        jdbc.sql(sql).param("customer", customer).param("pseudonym", pseudonym).update();
    }
}
