package io.parley.chat;

import java.util.List;
import java.util.Map;
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
    public Object export(UUID customerId) {
        List<Map<String, Object>> conversations = PersonalDataSource.rows(jdbc.sql("""
                select id, subject, locale, created_at, last_message_at from conversation
                where customer_id = ? order by created_at""").param(customerId).query().listOfRows());
        for (Map<String, Object> conversation : conversations) {
            conversation.put("messages", PersonalDataSource.rows(jdbc.sql("""
                    select seq, author_type, author_name, text, payload, created_at from message
                    where conversation_id = ? order by seq""").param(conversation.get("id")).query().listOfRows()));
        }
        return conversations;
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
