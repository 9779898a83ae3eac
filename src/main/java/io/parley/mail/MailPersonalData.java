package io.parley.mail;

import java.util.List;
import java.util.Map;
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

    @Override
    public Object export(UUID customerId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select kind, conversation_id, recipient, author_name, body, status, created_at, sent_at
                from mail_outbox where customer_id = ? order by created_at""")
                .param(customerId).query().listOfRows();
        return PersonalDataSource.rows(rows);
    }
}
