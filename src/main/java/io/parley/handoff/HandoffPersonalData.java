package io.parley.handoff;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.core.PersonalDataSource;
import io.parley.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hand-offs of a customer's conversations: the contact email left out of hours, the CSAT rating and its comment.
 * Found through the conversations, so the erasure runs before chat deletes those.
 */
@Component
class HandoffPersonalData implements PersonalDataSource {

    private static final String OF_CUSTOMER = "(select id from conversation where customer_id = :customer)";

    private final JdbcClient jdbc;

    HandoffPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "handoffs";
    }

    @Override
    public List<ExportedHandoff> export(UUID customerId) {
        return jdbc.sql("""
                select h.conversation_id, c.state, h.reason, h.question, h.out_of_hours, h.contact_email, h.queued_at,
                    h.assigned_at, h.resolved_at, h.rating, h.rating_comment, h.rated_at
                from conversation_handoff h join conversation c on c.id = h.conversation_id
                where h.conversation_id in """ + OF_CUSTOMER + " order by h.queued_at")
                .param("customer", customerId)
                .query((rs, row) -> new ExportedHandoff(rs.getObject("conversation_id", UUID.class), rs.getString("state"),
                        rs.getString("reason"), rs.getString("question"), rs.getBoolean("out_of_hours"),
                        rs.getString("contact_email"), PersonalDataSource.instant(rs, "queued_at"),
                        PersonalDataSource.instant(rs, "assigned_at"), PersonalDataSource.instant(rs, "resolved_at"),
                        (Integer) rs.getObject("rating"), rs.getString("rating_comment"),
                        PersonalDataSource.instant(rs, "rated_at")))
                .list();
    }

    /** One hand-off of the export. */
    record ExportedHandoff(UUID conversationId, String state, String reason, String question, boolean outOfHours,
            String contactEmail, Instant queuedAt, Instant assignedAt, Instant resolvedAt, Integer rating,
            String ratingComment, Instant ratedAt) {
    }

    @EventListener
    @Order(CustomerErased.BEFORE_CONVERSATIONS)
    void on(CustomerErased event) {
        // first_response has no foreign key to the conversation, so it would outlive it
        for (String table : new String[] { "first_response", "ownership_transition", "conversation_handoff" }) {
            jdbc.sql("delete from " + table + " where conversation_id in " + OF_CUSTOMER)
                    .param("customer", event.customerId()).update();
        }
    }
}
