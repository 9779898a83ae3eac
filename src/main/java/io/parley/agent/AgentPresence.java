package io.parley.agent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.core.InvalidInput;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Presence (online, away, offline) and capacity of agents: what routing asks before assigning a conversation. */
@Service
public class AgentPresence {

    static final int MAX_CAPACITY = 100;

    private static final String STATUS = """
            select s.id, s.display_name, coalesce(p.presence, 'offline') as presence, coalesce(p.capacity, ?) as capacity
            from staff_account s left join agent_profile p on p.staff_id = s.id""";

    private final JdbcClient jdbc;
    private final StaffAccounts accounts;
    private final AgentProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AgentPresence(JdbcClient jdbc, StaffAccounts accounts, AgentProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    public AgentStatus status(UUID staffId) {
        accounts.get(staffId);
        return jdbc.sql(STATUS + " where s.id = ?").params(properties.defaultCapacity(), staffId)
                .query(AgentPresence::map).single();
    }

    /** Active staff who may work conversations (AGENT or ADMIN), with their presence, by name. */
    public List<AgentStatus> agents() {
        return jdbc.sql(STATUS + " where s.active and s.roles && array['AGENT', 'ADMIN'] order by lower(s.display_name)")
                .param(properties.defaultCapacity()).query(AgentPresence::map).list();
    }

    /** Online, active agents: the candidates of routing. */
    public List<AgentStatus> online() {
        return agents().stream().filter(a -> a.presence() == Presence.ONLINE).toList();
    }

    /** Whether the account exists, is active and may work conversations. */
    public boolean isAgent(UUID staffId) {
        return accounts.findById(staffId)
                .filter(m -> m.active() && m.grantedRoles().contains(StaffRole.AGENT)).isPresent();
    }

    /** Sets the agent's presence; online and away start a lease that their connection renews. */
    @Transactional
    public AgentStatus setPresence(UUID staffId, Presence presence) {
        AgentStatus before = status(staffId);
        Timestamp lease = presence == Presence.OFFLINE ? null : Timestamp.from(clock.instant().plus(properties.presenceLease()));
        if (before.presence() != presence) {
            jdbc.sql("""
                    insert into agent_profile (staff_id, presence, capacity, updated_at, lease_expires_at) values (?, ?, ?, ?, ?)
                    on conflict (staff_id) do update set presence = excluded.presence, updated_at = excluded.updated_at,
                        lease_expires_at = excluded.lease_expires_at""")
                    .params(staffId, presence.json(), before.capacity(), Timestamp.from(clock.instant()), lease).update();
            events.publishEvent(new PresenceChanged(staffId, presence, before.capacity()));
        }
        else if (lease != null) {
            renewLeases(List.of(staffId));
        }
        return status(staffId);
    }

    /** The agents' connections are alive: their online or away presence lasts another lease period. */
    public int renewLeases(java.util.Collection<UUID> staffIds) {
        if (staffIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update agent_profile set lease_expires_at = ? where staff_id = any(?) and presence <> 'offline'")
                .params(Timestamp.from(clock.instant().plus(properties.presenceLease())), staffIds.toArray(UUID[]::new))
                .update();
    }

    /** The agent's last connection closed: unless one renews it within {@code grace}, the lease lapses. */
    public void lapseWithin(UUID staffId, java.time.Duration grace) {
        jdbc.sql("update agent_profile set lease_expires_at = least(lease_expires_at, ?) where staff_id = ? and presence <> 'offline'")
                .params(Timestamp.from(clock.instant().plus(grace)), staffId).update();
    }

    /**
     * Agents whose lease ran out (nobody renewed it) go offline; {@link PresenceLapsed} lets their unanswered
     * conversations go to someone else. Safe on several nodes at once: each row is taken by one update.
     *
     * @return the agents that went offline
     */
    @Transactional
    public List<UUID> expireLapsedLeases() {
        Timestamp now = Timestamp.from(clock.instant());
        List<Map.Entry<UUID, Integer>> lapsed = jdbc.sql("""
                update agent_profile set presence = 'offline', lease_expires_at = null, updated_at = ?
                where presence <> 'offline' and lease_expires_at < ? returning staff_id, capacity""")
                .params(now, now).query((rs, row) -> Map.entry(rs.getObject("staff_id", UUID.class), rs.getInt("capacity"))).list();
        for (Map.Entry<UUID, Integer> agent : lapsed) {
            events.publishEvent(new PresenceChanged(agent.getKey(), Presence.OFFLINE, agent.getValue()));
            events.publishEvent(new PresenceLapsed(agent.getKey()));
        }
        return lapsed.stream().map(Map.Entry::getKey).toList();
    }

    @Transactional
    public AgentStatus setCapacity(UUID staffId, int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw InvalidInput.field("capacity", "must be between 0 and " + MAX_CAPACITY);
        }
        AgentStatus before = status(staffId);
        jdbc.sql("""
                insert into agent_profile (staff_id, presence, capacity, updated_at) values (?, ?, ?, ?)
                on conflict (staff_id) do update set capacity = excluded.capacity, updated_at = excluded.updated_at""")
                .params(staffId, before.presence().json(), capacity, Timestamp.from(clock.instant())).update();
        if (before.capacity() != capacity) {
            events.publishEvent(new PresenceChanged(staffId, before.presence(), capacity));
        }
        return status(staffId);
    }

    private static AgentStatus map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AgentStatus(rs.getObject("id", UUID.class), rs.getString("display_name"),
                Presence.valueOf(rs.getString("presence").toUpperCase(java.util.Locale.ROOT)), rs.getInt("capacity"));
    }
}
