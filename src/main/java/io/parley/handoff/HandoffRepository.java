package io.parley.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.chat.ConversationState;
import io.parley.chat.ConversationStateChanged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HandoffRepository {

    // the owner (state, assignee) is chat's, read with the queue's details; handoff never writes it
    private static final String COLUMNS = """
            h.conversation_id, c.state, c.assignee as agent_id, h.team_id, h.reason, h.question, h.out_of_hours,
            h.contact_email, h.queued_at, h.assigned_at, h.resolved_at, h.resolved_by, h.resolved_by_bot,
            h.awaiting_first_response, h.rating, h.rating_comment, h.rated_at, h.updated_at""";
    private static final String FROM = " from conversation_handoff h join conversation c on c.id = h.conversation_id ";

    private final JdbcClient jdbc;

    HandoffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Handoff> find(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + FROM + "where h.conversation_id = ?")
                .param(conversationId).query(HandoffRepository::map).optional();
    }

    Optional<Handoff> lock(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + FROM + "where h.conversation_id = ? for update of h")
                .param(conversationId).query(HandoffRepository::map).optional();
    }

    Map<UUID, Handoff> findAll(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + COLUMNS + FROM + "where h.conversation_id = any(?)")
                .param(conversationIds.toArray(UUID[]::new)).query(HandoffRepository::map).list().stream()
                .collect(Collectors.toMap(Handoff::conversationId, h -> h));
    }

    void save(Handoff h) {
        jdbc.sql("""
                insert into conversation_handoff (conversation_id, team_id, reason, question, out_of_hours,
                    contact_email, queued_at, assigned_at, resolved_at, resolved_by, resolved_by_bot, awaiting_first_response,
                    rating, rating_comment, rated_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (conversation_id) do update set team_id = excluded.team_id, reason = excluded.reason, question = excluded.question,
                    out_of_hours = excluded.out_of_hours, contact_email = excluded.contact_email,
                    queued_at = excluded.queued_at, assigned_at = excluded.assigned_at, resolved_at = excluded.resolved_at,
                    resolved_by = excluded.resolved_by, resolved_by_bot = excluded.resolved_by_bot,
                    awaiting_first_response = excluded.awaiting_first_response, rating = excluded.rating,
                    rating_comment = excluded.rating_comment, rated_at = excluded.rated_at, updated_at = excluded.updated_at""")
                .params(h.conversationId(), h.teamId(), h.reason(), h.question(),
                        h.outOfHours(), h.contactEmail(), ts(h.queuedAt()), ts(h.assignedAt()), ts(h.resolvedAt()),
                        h.resolvedBy(), h.resolvedByBot(), h.awaitingFirstResponse(),
                        h.rating() == null ? null : h.rating().score(), h.rating() == null ? null : h.rating().comment(),
                        h.rating() == null ? null : ts(h.rating().at()), ts(h.updatedAt()))
                .update();
    }

    void recordTransition(ConversationStateChanged t) {
        jdbc.sql("insert into ownership_transition (conversation_id, from_state, to_state, agent_id, actor_id, reason, at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(t.conversationId(), t.from().json(), t.to().json(), t.assignee(), t.actorId(), t.reason(), ts(t.at()))
                .update();
    }

    List<OwnershipChanged> transitions(UUID conversationId, UUID customerId) {
        return jdbc.sql("select * from ownership_transition where conversation_id = ? order by id").param(conversationId)
                .query((rs, row) -> new OwnershipChanged(conversationId, customerId, state(rs.getString("from_state")),
                        state(rs.getString("to_state")), rs.getObject("agent_id", UUID.class),
                        rs.getObject("actor_id", UUID.class), rs.getString("reason"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** Queued conversations, longest waiting first. */
    List<Handoff> queued(int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + "where c.state = 'queued' order by h.queued_at, h.conversation_id limit ?")
                .param(limit).query(HandoffRepository::map).list();
    }

    List<Handoff> assignedTo(UUID agentId, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + "where c.state = 'assigned' and c.assignee = ? order by h.assigned_at desc limit ?")
                .params(agentId, limit).query(HandoffRepository::map).list();
    }

    /** Every conversation that ever left the bot (or the bot resolved), newest activity first. */
    List<Handoff> all(ConversationState state, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + "where (?::text is null or c.state = ?) "
                        + "and (h.queued_at is not null or h.resolved_by_bot) order by h.updated_at desc limit ?")
                .params(state == null ? null : state.json(), state == null ? null : state.json(), limit)
                .query(HandoffRepository::map).list();
    }

    /** 1-based place in the queue among conversations of the same team. */
    int position(Handoff h) {
        return jdbc.sql("""
                select count(*) from conversation_handoff h join conversation c on c.id = h.conversation_id
                where c.state = 'queued' and h.team_id is not distinct from ?
                and (h.queued_at < ? or (h.queued_at = ? and h.conversation_id <= ?))""")
                .params(h.teamId(), ts(h.queuedAt()), ts(h.queuedAt()), h.conversationId()).query(Long.class).single().intValue();
    }

    /** Conversations assigned to each agent now. */
    Map<UUID, Integer> load() {
        return jdbc.sql("select assignee as agent_id, count(*) as n from conversation where state = 'assigned' group by assignee")
                .query((rs, row) -> Map.entry(rs.getObject("agent_id", UUID.class), rs.getInt("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void recordFirstResponse(UUID conversationId, Instant queuedAt, Instant respondedAt) {
        jdbc.sql("insert into first_response (conversation_id, queued_at, responded_at) values (?, ?, ?)")
                .params(conversationId, ts(queuedAt), ts(respondedAt)).update();
    }

    /** Median seconds from queueing to the first agent reply over the window, empty without history. */
    Optional<Duration> medianFirstResponse(Instant since) {
        return jdbc.sql("""
                select percentile_cont(0.5) within group (order by extract(epoch from (responded_at - queued_at))) as median
                from first_response where responded_at >= ?""").param(ts(since))
                .query((rs, row) -> (Double) rs.getObject("median", Double.class)).optional()
                .map(seconds -> Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** Serialises routing decisions (least-loaded choice and capacity) across nodes for this transaction. */
    void lockRouting() {
        jdbc.sql("select pg_advisory_xact_lock(7301001)").query(Object.class).single();
    }

    private static Handoff map(ResultSet rs, int row) throws SQLException {
        Integer score = (Integer) rs.getObject("rating");
        return new Handoff(rs.getObject("conversation_id", UUID.class), state(rs.getString("state")),
                rs.getObject("agent_id", UUID.class), rs.getObject("team_id", UUID.class), rs.getString("reason"),
                rs.getString("question"), rs.getBoolean("out_of_hours"), rs.getString("contact_email"),
                instant(rs, "queued_at"), instant(rs, "assigned_at"), instant(rs, "resolved_at"),
                rs.getObject("resolved_by", UUID.class), rs.getBoolean("resolved_by_bot"),
                rs.getBoolean("awaiting_first_response"),
                score == null ? null : new Handoff.Rating(score, rs.getString("rating_comment"), instant(rs, "rated_at")),
                instant(rs, "updated_at"));
    }

    private static ConversationState state(String value) {
        return ConversationState.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
