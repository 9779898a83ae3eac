package io.parley.mail;

import java.time.Instant;
import java.util.UUID;

import io.parley.core.PersonalDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails we sent or meant to send a customer (GDPR export, section {@code mails}): to whom, what kind, when, and
 * the reply texts they carried. Erasure is {@link MailTriggers}' {@code CustomerErased} listener.
 */
@Component
class MailPersonalData implements PersonalDataSource {

    private final JdbcClient jdbc;

    MailPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "mails";
    }

    /** One mail, as the export lists it. */
    record Mail(String kind, UUID conversationId, String recipient, String authorName, String body, String status,
            Instant createdAt, Instant sentAt) {
    }

    @Override
    public Object export(UUID customerId) {
        return jdbc.sql("""
                select kind, conversation_id, recipient, author_name, body, status, created_at, sent_at
                from mail_outbox where customer_id = ? order by created_at""")
                .param(customerId).query((rs, n) -> new Mail(rs.getString("kind"), rs.getObject("conversation_id", UUID.class),
                        rs.getString("recipient"), rs.getString("author_name"), rs.getString("body"), rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}
