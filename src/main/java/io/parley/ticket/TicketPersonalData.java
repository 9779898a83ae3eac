package io.parley.ticket;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.core.PersonalDataSource;
import io.parley.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's tickets with their notes and history, for the GDPR export and erasure. */
@Component
class TicketPersonalData implements PersonalDataSource {

    private final JdbcClient jdbc;

    TicketPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "tickets";
    }

    @Override
    public Object export(UUID customerId) {
        List<Map<String, Object>> tickets = PersonalDataSource.rows(jdbc.sql("""
                select id, number, conversation_id, subject, status, priority, tags, reason, summary, contact_email,
                    rating, rating_comment, created_at, updated_at
                from ticket where customer_id = ? order by created_at""").param(customerId).query().listOfRows());
        for (Map<String, Object> ticket : tickets) {
            ticket.put("notes", PersonalDataSource.rows(jdbc.sql(
                    "select author_name, text, created_at from ticket_note where ticket_id = ? order by created_at")
                    .param(ticket.get("id")).query().listOfRows()));
            ticket.put("events", PersonalDataSource.rows(jdbc.sql(
                    "select type, actor_name, data, at from ticket_event where ticket_id = ? order by id")
                    .param(ticket.get("id")).query().listOfRows()));
        }
        return tickets;
    }

    /** Notes and events go with their ticket (foreign keys on delete cascade). */
    @EventListener
    @Order(CustomerErased.BEFORE_CONVERSATIONS)
    void on(CustomerErased event) {
        jdbc.sql("delete from ticket where customer_id = ?").param(event.customerId()).update();
    }
}
