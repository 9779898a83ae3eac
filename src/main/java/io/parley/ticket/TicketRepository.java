package io.parley.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.parley.handoff.TicketDirectory;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TicketRepository {

    private static final TypeReference<List<TicketDirectory.BotSource>> SOURCES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TicketRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Ticket insert(UUID conversationId, UUID customerId, String subject, String priority, List<String> tags, String reason,
            String summary, List<TicketDirectory.BotSource> botSources, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into ticket (id, conversation_id, customer_id, subject, status, priority, tags, reason, summary,
                    summary_source, bot_sources, created_at, updated_at)
                values (?, ?, ?, ?, 'open', ?, ?, ?, ?, 'built', ?::jsonb, ?, ?)""")
                .params(id, conversationId, customerId, subject, priority, tags.toArray(String[]::new), reason, summary,
                        json.writeValueAsString(botSources), ts(now), ts(now))
                .update();
        return find(id).orElseThrow();
    }

    Optional<Ticket> find(UUID id) {
        return jdbc.sql("select * from ticket where id = ?").param(id).query(this::map).optional();
    }

    Optional<Ticket> findByNumber(long number) {
        return jdbc.sql("select * from ticket where number = ?").param(number).query(this::map).optional();
    }

    Optional<Ticket> findByConversation(UUID conversationId) {
        return jdbc.sql("select * from ticket where conversation_id = ?").param(conversationId).query(this::map).optional();
    }

    Optional<Ticket> lockByConversation(UUID conversationId) {
        return jdbc.sql("select * from ticket where conversation_id = ? for update").param(conversationId).query(this::map).optional();
    }

    List<Ticket> findByConversations(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from ticket where conversation_id = any(?)").param(conversationIds.toArray(UUID[]::new))
                .query(this::map).list();
    }

    /** Filtered page, newest first; null filters are ignored. */
    List<Ticket> search(TicketFilter filter, int offset, int limit) {
        var where = where(filter);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select * from ticket" + where.sql() + " order by created_at desc, number desc limit ? offset ?")
                .params(params).query(this::map).list();
    }

    long count(TicketFilter filter) {
        var where = where(filter);
        return jdbc.sql("select count(*) from ticket" + where.sql()).params(where.params()).query(Long.class).single();
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(TicketFilter f) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            clauses.add("status = ?");
            params.add(f.status().json());
        }
        if (f.unassigned()) {
            clauses.add("assignee_id is null");
        }
        else if (f.assigneeId() != null) {
            clauses.add("assignee_id = ?");
            params.add(f.assigneeId());
        }
        if (f.priority() != null) {
            clauses.add("priority = ?");
            params.add(f.priority());
        }
        if (f.tag() != null) {
            clauses.add("? = any(tags)");
            params.add(f.tag());
        }
        if (f.customerId() != null) {
            clauses.add("customer_id = ?");
            params.add(f.customerId());
        }
        if (f.query() != null) {
            clauses.add("(subject ilike ? or number::text = ?)");
            params.add("%" + f.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            params.add(f.query().replaceFirst("^#", ""));
        }
        return new Where(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), params);
    }

    void update(Ticket t, Instant now) {
        jdbc.sql("""
                update ticket set subject = ?, status = ?, priority = ?, tags = ?, assignee_id = ?, summary = ?,
                    summary_source = ?, contact_email = ?, rating = ?, rating_comment = ?, rated_at = ?, customer_id = ?,
                    updated_at = ?, version = version + 1 where id = ?""")
                .params(t.subject(), t.status().json(), t.priority(), t.tags().toArray(String[]::new), t.assigneeId(),
                        t.summary(), t.summarySource(), t.contactEmail(), t.rating(), t.ratingComment(), ts(t.ratedAt()),
                        t.customerId(), ts(now), t.id())
                .update();
    }

    /** The ticket's version, its row locked until the transaction ends (so two edits cannot both pass the check). */
    java.util.OptionalLong lockVersion(UUID id) {
        return jdbc.sql("select version from ticket where id = ? for update").param(id).query(Long.class).optional()
                .map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    /** Timelines and notes list at most this many entries, the newest. */
    static final int MAX_LISTED = 500;

    void reassignCustomer(UUID from, UUID to) {
        jdbc.sql("update ticket set customer_id = ? where customer_id = ?").params(to, from).update();
    }

    void addEvent(UUID ticketId, String type, String actorId, String actorName, TicketEventData data, Instant at) {
        jdbc.sql("insert into ticket_event (ticket_id, type, actor_id, actor_name, data, at) values (?, ?, ?::uuid, ?, ?::jsonb, ?)")
                .params(ticketId, type, actorId, actorName, data == null ? null : json.writeValueAsString(data), ts(at))
                .update();
    }

    List<TicketEvent> events(UUID ticketId) {
        // the newest MAX_LISTED, oldest first (issue #15: bounded lists)
        return jdbc.sql("select * from (select * from ticket_event where ticket_id = ? order by id desc limit ?) e order by id")
                .params(ticketId, MAX_LISTED)
                .query((rs, row) -> {
                    String data = rs.getString("data");
                    Object actor = rs.getObject("actor_id");
                    return new TicketEvent(rs.getString("type"), rs.getTimestamp("at").toInstant(),
                            actor == null ? null : actor.toString(), rs.getString("actor_name"),
                            data == null ? TicketEventData.NONE : json.readValue(data, TicketEventData.class));
                }).list();
    }

    TicketNote addNote(Ticket ticket, UUID authorId, String authorName, String text, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into ticket_note (id, ticket_id, author_id, author_name, text, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, ticket.id(), authorId, authorName, text, ts(now)).update();
        return new TicketNote(id, ticket.id(), ticket.conversationId(), authorId, authorName, text, now);
    }

    List<TicketNote> notes(Ticket ticket) {
        return jdbc.sql("select * from (select * from ticket_note where ticket_id = ? order by created_at desc, id desc limit ?) n "
                + "order by created_at, id").params(ticket.id(), MAX_LISTED)
                .query((rs, row) -> new TicketNote(rs.getObject("id", UUID.class), ticket.id(), ticket.conversationId(),
                        rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getString("text"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private Ticket map(ResultSet rs, int row) throws SQLException {
        String sources = rs.getString("bot_sources");
        Timestamp rated = rs.getTimestamp("rated_at");
        return new Ticket(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getObject("conversation_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getString("subject"),
                TicketStatus.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)), rs.getString("priority"),
                Arrays.stream((Object[]) rs.getArray("tags").getArray()).map(String.class::cast).toList(),
                rs.getString("reason"), rs.getObject("assignee_id", UUID.class), rs.getString("summary"),
                rs.getString("summary_source"), sources == null ? List.of() : json.readValue(sources, SOURCES),
                rs.getString("contact_email"), (Integer) rs.getObject("rating"), rs.getString("rating_comment"),
                rated == null ? null : rated.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
