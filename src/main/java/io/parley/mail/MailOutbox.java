package io.parley.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mail outbox table ({@code mail_outbox}). Callers hold the transaction. */
@Repository
class MailOutbox {

    private static final String COLUMNS = "id, dedup_key, kind, conversation_id, customer_id, recipient, message_seq, "
            + "author_name, body, attempts, due_at, created_at";

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a mail with the same dedup key was already enqueued (a resubmitted event) */
    boolean enqueue(OutboxMail mail) {
        return jdbc.sql("insert into mail_outbox (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (dedup_key) do nothing")
                .params(mail.id(), mail.dedupKey(), mail.kind().column(), mail.conversationId(), mail.customerId(),
                        mail.recipient(), mail.messageSeq(), mail.authorName(), mail.body(), mail.attempts(),
                        Timestamp.from(mail.dueAt()), Timestamp.from(mail.createdAt()))
                .update() == 1;
    }

    /** Pending mails that are due, locked for this transaction; rows another node has locked are skipped. */
    List<OutboxMail> lockDue(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where status = 'pending' and due_at <= ? "
                + "order by due_at limit ? for update skip locked")
                .params(Timestamp.from(now), limit).query(MailOutbox::map).list();
    }

    /** Every pending offline reply of the conversation (due or not yet): they go out in one mail. */
    List<OutboxMail> lockPendingReplies(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where status = 'pending' and kind = 'offline_reply' "
                + "and conversation_id = ? order by message_seq for update skip locked")
                .param(conversationId).query(MailOutbox::map).list();
    }

    void markSent(List<UUID> ids, UUID sentAs, Instant now) {
        for (UUID id : ids) {
            jdbc.sql("update mail_outbox set status = 'sent', sent_as = ?, sent_at = ?, last_error = null where id = ?")
                    .params(sentAs, Timestamp.from(now), id).update();
        }
    }

    /** Not yet: looked at again at {@code dueAt} (a reply while the customer is connected). */
    void postpone(List<UUID> ids, Instant dueAt, String why) {
        for (UUID id : ids) {
            jdbc.sql("update mail_outbox set due_at = ?, last_error = ? where id = ?").params(Timestamp.from(dueAt), why, id).update();
        }
    }

    void markSkipped(UUID id, String why) {
        jdbc.sql("update mail_outbox set status = 'skipped', last_error = ? where id = ?").params(why, id).update();
    }

    /** Another attempt after {@code retryIn}, or given up ({@code failed}) after the last one. */
    void markFailed(List<UUID> ids, String error, Duration retryIn, int maxAttempts, Instant now) {
        for (UUID id : ids) {
            jdbc.sql("update mail_outbox set attempts = attempts + 1, last_error = ?, due_at = ?, "
                    + "status = case when attempts + 1 >= ? then 'failed' else 'pending' end where id = ?")
                    .params(error, Timestamp.from(now.plus(retryIn)), maxAttempts, id).update();
        }
    }

    /** How many mails of the kind were enqueued for the customer since {@code since} (the transcript limit). */
    int countSince(UUID customerId, OutboxMail.Kind kind, Instant since) {
        return jdbc.sql("select count(*) from mail_outbox where customer_id = ? and kind = ? and created_at >= ?")
                .params(customerId, kind.column(), Timestamp.from(since)).query(Integer.class).single();
    }

    /** How many mails of the kind were enqueued to the address since {@code since}, whoever asked. */
    int countToSince(String recipient, OutboxMail.Kind kind, Instant since) {
        return jdbc.sql("select count(*) from mail_outbox where lower(recipient) = lower(?) and kind = ? and created_at >= ?")
                .params(recipient, kind.column(), Timestamp.from(since)).query(Integer.class).single();
    }

    /** GDPR erasure: the customer's addresses and texts go with them. */
    void deleteCustomer(UUID customerId) {
        jdbc.sql("delete from mail_outbox where customer_id = ?").param(customerId).update();
        jdbc.sql("delete from mail_reply_token where customer_id = ?").param(customerId).update();
    }

    private static OutboxMail map(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("message_seq");
        Long messageSeq = rs.wasNull() ? null : seq;
        return new OutboxMail(rs.getObject("id", UUID.class), rs.getString("dedup_key"), OutboxMail.Kind.of(rs.getString("kind")),
                rs.getObject("conversation_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("recipient"), messageSeq, rs.getString("author_name"), rs.getString("body"),
                rs.getInt("attempts"), rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
