package io.parley.chat;

import java.util.List;
import java.util.UUID;

import io.parley.core.PersonalDataSource;
import io.parley.customer.CustomerErased;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's conversations and every message in them, for the GDPR export and erasure. */
@Component
class ChatPersonalData implements PersonalDataSource {

    private final JdbcClient jdbc;

    ChatPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "conversations";
    }

    @Override
    public List<ExportedConversation> export(UUID customerId) {
        return jdbc.sql("select id, subject, locale, created_at, last_message_at from conversation where customer_id = ? "
                        + "order by created_at").param(customerId)
                .query((rs, row) -> new ExportedConversation(rs.getObject("id", UUID.class), rs.getString("subject"),
                        rs.getString("locale"), PersonalDataSource.instant(rs, "created_at"),
                        PersonalDataSource.instant(rs, "last_message_at"), List.of()))
                .list().stream().map(c -> c.withMessages(messages(c.id()))).toList();
    }

    private List<ExportedMessage> messages(UUID conversationId) {
        return jdbc.sql("""
                select seq, author_type, author_name, text, payload, created_at from message
                where conversation_id = ? order by seq""").param(conversationId)
                .query((rs, row) -> new ExportedMessage(rs.getLong("seq"), rs.getString("author_type"),
                        rs.getString("author_name"), rs.getString("text"), rs.getString("payload"),
                        PersonalDataSource.instant(rs, "created_at")))
                .list();
    }

    /** One conversation of the export, with every message in it. */
    record ExportedConversation(UUID id, String subject, String locale, java.time.Instant createdAt,
            java.time.Instant lastMessageAt, List<ExportedMessage> messages) {

        ExportedConversation withMessages(List<ExportedMessage> all) {
            return new ExportedConversation(id, subject, locale, createdAt, lastMessageAt, all);
        }
    }

    /** @param payload the message's typed content as stored (JSON text), null for plain text */
    record ExportedMessage(long seq, String authorType, String authorName, String text, String payload,
            java.time.Instant createdAt) {
    }

    /**
     * Runs after the modules that still look conversations up: deleting them takes their messages (and the
     * handoff and ticket rows that reference them) along through the foreign keys.
     */
    @EventListener
    @Order(CustomerErased.CONVERSATIONS)
    void on(CustomerErased event) {
        jdbc.sql("delete from conversation where customer_id = ?").param(event.customerId()).update();
    }
}
