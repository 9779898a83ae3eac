package io.parley.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the mail outbox: a mail to send (or, for offline replies, one reply among those a mail batches).
 *
 * @param messageSeq the agent message's seq (offline replies: sent only while the customer has not read it)
 */
record OutboxMail(UUID id, String dedupKey, Kind kind, UUID conversationId, UUID customerId, String recipient,
        Long messageSeq, String authorName, String body, int attempts, Instant dueAt, Instant createdAt) {

    enum Kind {
        CONTACT_TEAM, CONTACT_ACK, OFFLINE_REPLY, TRANSCRIPT;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static OutboxMail of(String dedupKey, Kind kind, UUID conversationId, UUID customerId, String recipient, Instant dueAt,
            Instant now) {
        return new OutboxMail(UUID.randomUUID(), dedupKey, kind, conversationId, customerId, recipient, null, null, null, 0,
                dueAt, now);
    }

    OutboxMail withReply(long seq, String author, String text) {
        return new OutboxMail(id, dedupKey, kind, conversationId, customerId, recipient, seq, author, text, attempts, dueAt,
                createdAt);
    }
}
