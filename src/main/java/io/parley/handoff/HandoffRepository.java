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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HandoffRepository {

    private static final String COLUMNS = """
            conversation_id, state, agent_id, team_id, reason, question, out_of_hours, contact_email, queued_at,
            assigned_at, resolved_at, resolved_by, resolved_by_bot, awaiting_first_response, rating, rating_comment,
            rated_at, updated_at""";

    private final JdbcClient jdbc;

    HandoffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Handoff> find(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where conversation_id = ?")
                .param(conversationId).query(HandoffRepository::map).optional();
    }

    Optional<Handoff> lock(UUID conversationId) {
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where conversation_id = ? for update")
                .param(conversationId).query(HandoffRepository::map).optional();
    }

    Map<UUID, Handoff> findAll(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where conversation_id = any(?)")
                .param(conversationIds.toArray(UUID[]::new)).query(HandoffRepository::map).list().stream()
                .collect(Collectors.toMap(Handoff::conversationId, h -> h));
    }

    void save(Handoff h) {
        jdbc.sql("""
                insert into conversation_handoff (conversation_id, state, agent_id, team_id, reason, question, out_of_hours,
                    contact_email, queued_at, assigned_at, resolved_at, resolved_by, resolved_by_bot, awaiting_first_response,
                    rating, rating_comment, rated_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (conversation_id) do update set state = excluded.state, agent_id = excluded.agent_id,
                    team_id = excluded.team_id, reason = excluded.reason, question = excluded.question,
                    out_of_hours = excluded.out_of_hours, contact_email = excluded.contact_email,
                    queued_at = excluded.queued_at, assigned_at = excluded.assigned_at, resolved_at = excluded.resolved_at,
                    resolved_by = excluded.resolved_by, resolved_by_bot = excluded.resolved_by_bot,
                    awaiting_first_response = excluded.awaiting_first_response, rating = excluded.rating,
                    rating_comment = excluded.rating_comment, rated_at = excluded.rated_at, updated_at = excluded.updated_at""")
                .params(h.conversationId(), h.state().json(), h.agentId(), h.teamId(), h.reason(), h.question(),
                        h.outOfHours(), h.contactEmail(), ts(h.queuedAt()), ts(h.assignedAt()), ts(h.resolvedAt()),
                        h.resolvedBy(), h.resolvedByBot(), h.awaitingFirstResponse(),
                        h.rating() == null ? null : h.rating().score(), h.rating() == null ? null : h.rating().comment(),
                        h.rating() == null ? null : ts(h.rating().at()), ts(h.updatedAt()))
                .update();
    }

    void recordTransition(OwnershipChanged t) {
        jdbc.sql("insert into ownership_transition (conversation_id, from_state, to_state, agent_id, actor_id, reason, at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(t.conversationId(), t.from().json(), t.to().json(), t.agentId(), t.actorId(), t.reason(), ts(t.at()))
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
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where state = 'queued' order by queued_at, conversation_id limit ?")
                .param(limit).query(HandoffRepository::map).list();
    }

    List<Handoff> assignedTo(UUID agentId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where state = 'assigned' and agent_id = ? order by assigned_at desc limit ?")
                .params(agentId, limit).query(HandoffRepository::map).list();
    }

    /** Every conversation that ever left the bot (or the bot resolved), newest activity first. */
    List<Handoff> all(HandoffState state, int limit) {
        return jdbc.sql("select " + COLUMNS + " from conversation_handoff where (?::text is null or state = ?) "
                        + "and (queued_at is not null or resolved_by_bot) order by updated_at desc limit ?")
                .params(state == null ? null : state.json(), state == null ? null : state.json(), limit)
                .query(HandoffRepository::map).list();
    }

    /** 1-based place in the queue among conversations of the same team. */
    int position(Handoff h) {
        return jdbc.sql("""
                select count(*) from conversation_handoff where state = 'queued' and team_id is not distinct from ?
                and (queued_at < ? or (queued_at = ? and conversation_id <= ?))""")
                .params(h.teamId(), ts(h.queuedAt()), ts(h.queuedAt()), h.conversationId()).query(Long.class).single().intValue();
    }

    /** Conversations assigned to each agent now. */
    Map<UUID, Integer> load() {
        return jdbc.sql("select agent_id, count(*) as n from conversation_handoff where state = 'assigned' group by agent_id")
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

    private static HandoffState state(String value) {
        return HandoffState.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
