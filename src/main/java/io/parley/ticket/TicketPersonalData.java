package io.parley.ticket;

import java.time.Instant;
import java.util.List;
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
    public List<ExportedTicket> export(UUID customerId) {
        return jdbc.sql("""
                select id, number, conversation_id, subject, status, priority, tags, reason, summary, contact_email,
                    rating, rating_comment, created_at, updated_at
                from ticket where customer_id = ? order by created_at""").param(customerId)
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new ExportedTicket(id, rs.getLong("number"), rs.getObject("conversation_id", UUID.class),
                            rs.getString("subject"), rs.getString("status"), rs.getString("priority"),
                            PersonalDataSource.strings(rs, "tags"), rs.getString("reason"), rs.getString("summary"),
                            rs.getString("contact_email"), (Integer) rs.getObject("rating"), rs.getString("rating_comment"),
                            PersonalDataSource.instant(rs, "created_at"), PersonalDataSource.instant(rs, "updated_at"),
                            List.of(), List.of());
                })
                .list().stream().map(t -> t.with(notes(t.id()), events(t.id()))).toList();
    }

    private List<ExportedNote> notes(UUID ticketId) {
        return jdbc.sql("select author_name, text, created_at from ticket_note where ticket_id = ? order by created_at")
                .param(ticketId).query((rs, row) -> new ExportedNote(rs.getString("author_name"), rs.getString("text"),
                        PersonalDataSource.instant(rs, "created_at"))).list();
    }

    private List<ExportedEvent> events(UUID ticketId) {
        return jdbc.sql("select type, actor_name, data, at from ticket_event where ticket_id = ? order by id")
                .param(ticketId).query((rs, row) -> new ExportedEvent(rs.getString("type"), rs.getString("actor_name"),
                        rs.getString("data"), PersonalDataSource.instant(rs, "at"))).list();
    }

    /** One ticket of the export, with its notes and its timeline. */
    record ExportedTicket(UUID id, long number, UUID conversationId, String subject, String status, String priority,
            List<String> tags, String reason, String summary, String contactEmail, Integer rating, String ratingComment,
            Instant createdAt, Instant updatedAt, List<ExportedNote> notes, List<ExportedEvent> events) {

        ExportedTicket with(List<ExportedNote> allNotes, List<ExportedEvent> allEvents) {
            return new ExportedTicket(id, number, conversationId, subject, status, priority, tags, reason, summary,
                    contactEmail, rating, ratingComment, createdAt, updatedAt, allNotes, allEvents);
        }
    }

    record ExportedNote(String authorName, String text, Instant createdAt) {
    }

    /** @param data the entry's details as stored (JSON text) */
    record ExportedEvent(String type, String actorName, String data, Instant at) {
    }

    /** Notes and events go with their ticket (foreign keys on delete cascade). */
    @EventListener
    @Order(CustomerErased.BEFORE_CONVERSATIONS)
    void on(CustomerErased event) {
        jdbc.sql("delete from ticket where customer_id = ?").param(event.customerId()).update();
    }
}
