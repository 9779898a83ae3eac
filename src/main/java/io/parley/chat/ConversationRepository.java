package io.parley.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    private static final String CONVERSATION_COLUMNS =
            "id, customer_id, subject, locale, last_seq, customer_read_seq, agent_read_seq, created_at, last_message_at, state, assignee";
    private static final String MESSAGE_COLUMNS =
            "id, conversation_id, seq, author_type, author_id, author_name, text, payload, client_message_id, created_at";
    private static final Logger log = LoggerFactory.getLogger(ConversationRepository.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConversationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Conversation c) {
        jdbc.sql("insert into conversation (" + CONVERSATION_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.customerId(), c.subject(), c.locale(), c.lastSeq(), c.customerReadSeq(),
                        c.agentReadSeq(), Timestamp.from(c.createdAt()), Timestamp.from(c.lastMessageAt()),
                        c.state().json(), c.assignee())
                .update();
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from conversation where id = ?").param(id)
                .query(this::mapConversation).optional();
    }

    /** Locks the conversation row for the rest of the transaction: the lock is what keeps seqs gapless. */
    Optional<Conversation> lock(UUID id) {
        return jdbc.sql("select " + CONVERSATION_COLUMNS + " from conversation where id = ? for update").param(id)
                .query(this::mapConversation).optional();
    }

    Optional<ChatMessage> findByClientMessageId(UUID conversationId, String clientMessageId) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where conversation_id = ? and client_message_id = ?")
                .params(conversationId, clientMessageId).query(this::mapMessage).optional();
    }

    void append(ChatMessage m, boolean fromCustomer) {
        // One statement, one round trip: the message row and the conversation's seq and read state move together
        // (a customer has obviously read everything up to their own message). Runs under the row lock taken by lock().
        jdbc.sql("with inserted as (insert into message (" + MESSAGE_COLUMNS + ") "
                        + "values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?) returning conversation_id, seq, created_at) "
                        + "update conversation c set last_seq = i.seq, last_message_at = i.created_at, "
                        + "customer_read_seq = case when ? then i.seq else c.customer_read_seq end "
                        + "from inserted i where c.id = i.conversation_id")
                .params(m.id(), m.conversationId(), m.seq(), m.author().type().dbValue(), m.author().id(),
                        m.author().name(), m.text(), m.payload() == null ? null : json.writeValueAsString(m.payload()),
                        m.clientMessageId(), Timestamp.from(m.createdAt()), fromCustomer)
                .update();
    }

    List<ChatMessage> messagesAfter(UUID conversationId, long afterSeq, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where conversation_id = ? and seq > ? order by seq limit ?")
                .params(conversationId, afterSeq, limit).query(this::mapMessage).list();
    }

    /** A customer's threads are listed newest first, at most this many (issue #15: bounded lists). */
    static final int MAX_THREADS = 100;

    List<ConversationSummary> summariesFor(UUID customerId) {
        return jdbc.sql("""
                select c.id, c.subject, c.locale, c.created_at, c.last_message_at, c.last_seq,
                       (select count(*) from message u where u.conversation_id = c.id
                            and u.seq > c.customer_read_seq and u.author_type <> 'customer') as unread,
                       m.id as m_id, m.conversation_id as m_conversation_id, m.seq as m_seq,
                       m.author_type as m_author_type, m.author_id as m_author_id, m.author_name as m_author_name,
                       m.text as m_text, m.payload as m_payload, m.client_message_id as m_client_message_id,
                       m.created_at as m_created_at
                from conversation c
                left join message m on m.conversation_id = c.id and m.seq = c.last_seq
                where c.customer_id = ?
                order by c.last_message_at desc, c.created_at desc
                limit ?""")
                .params(customerId, MAX_THREADS)
                .query((rs, row) -> new ConversationSummary(rs.getObject("id", UUID.class), rs.getString("subject"),
                        rs.getString("locale"), instant(rs, "created_at"), instant(rs, "last_message_at"),
                        rs.getLong("last_seq"), rs.getObject("m_id") == null ? null : mapMessage(rs, "m_"),
                        rs.getLong("unread")))
                .list();
    }

    /** Raises a read marker; it never goes backwards and never past the last message. */
    int markRead(UUID conversationId, AuthorType reader, long seq) {
        String column = reader == AuthorType.CUSTOMER ? "customer_read_seq" : "agent_read_seq";
        return jdbc.sql("update conversation set " + column + " = least(?, last_seq) where id = ? and " + column + " < least(?, last_seq)")
                .params(seq, conversationId, seq).update();
    }

    /** Runs under the row lock taken by lock(): the one place a conversation's owner is written. */
    void setState(UUID conversationId, ConversationState state, UUID assignee) {
        jdbc.sql("update conversation set state = ?, assignee = ? where id = ?").params(state.json(), assignee, conversationId)
                .update();
    }

    /** The newest messages, oldest first: the context the bot reads. */
    List<ChatMessage> recentMessages(UUID conversationId, int count) {
        List<ChatMessage> newestFirst = jdbc.sql("select " + MESSAGE_COLUMNS + " from message where conversation_id = ? order by seq desc limit ?")
                .params(conversationId, count).query(this::mapMessage).list();
        List<ChatMessage> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    int reassignCustomer(UUID fromCustomerId, UUID toCustomerId) {
        return jdbc.sql("update conversation set customer_id = ? where customer_id = ?").params(toCustomerId, fromCustomerId).update();
    }

    private Conversation mapConversation(ResultSet rs, int row) throws SQLException {
        return new Conversation(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("subject"), rs.getString("locale"), rs.getLong("last_seq"),
                rs.getLong("customer_read_seq"), rs.getLong("agent_read_seq"), instant(rs, "created_at"),
                instant(rs, "last_message_at"), ConversationState.fromDb(rs.getString("state")),
                rs.getObject("assignee", UUID.class));
    }

    private ChatMessage mapMessage(ResultSet rs, int row) throws SQLException {
        return mapMessage(rs, "");
    }

    private ChatMessage mapMessage(ResultSet rs, String prefix) throws SQLException {
        String payload = rs.getString(prefix + "payload");
        return new ChatMessage(rs.getObject(prefix + "id", UUID.class), rs.getObject(prefix + "conversation_id", UUID.class),
                rs.getLong(prefix + "seq"),
                new Author(AuthorType.fromDb(rs.getString(prefix + "author_type")), rs.getString(prefix + "author_id"),
                        rs.getString(prefix + "author_name")),
                rs.getString(prefix + "text"), payload == null ? null : content(payload),
                rs.getString(prefix + "client_message_id"), instant(rs, prefix + "created_at"));
    }

    /**
     * Reads stored content tolerantly: a kind this version does not know (written by a newer node during a rolling
     * update) leaves the message as plain text instead of failing the whole history, and fields it does not know are
     * skipped.
     */
    private MessageContent content(String stored) {
        try {
            JsonNode node = json.readTree(stored);
            Class<? extends MessageContent> type = MessageContent.typeOf(node.path("kind").asString(null),
                    node.path("state").asString(null));
            if (type == null) {
                log.warn("A stored message payload of unknown kind {} is shown as plain text", node.path("kind"));
                return null;
            }
            return json.treeToValue(node, type);
        }
        catch (JacksonException e) {
            log.warn("A stored message payload could not be read and is shown as plain text: {}", e.getOriginalMessage());
            return null;
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
