package io.parley.handoff;

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
    public Object export(UUID customerId) {
        return PersonalDataSource.rows(jdbc.sql("""
                select conversation_id, state, reason, question, out_of_hours, contact_email, queued_at, assigned_at,
                    resolved_at, rating, rating_comment, rated_at
                from conversation_handoff where conversation_id in """ + OF_CUSTOMER + " order by queued_at")
                .param("customer", customerId).query().listOfRows());
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
