package io.parley.handoff;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.parley.agent.AgentPresence;
import io.parley.core.InvalidInput;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Teams, their members and business hours (admins manage them; routing reads them). */
@Service
public class Teams {

    private static final Set<String> DAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final TypeReference<Map<String, List<Team.Window>>> HOURS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AgentPresence agents;
    private final Clock clock;
    private volatile Cached cache;

    static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(5);

    private record Cached(List<Team> teams, java.time.Instant until) {
    }

    Teams(JdbcClient jdbc, JsonMapper json, AgentPresence agents, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.agents = agents;
        this.clock = clock;
    }

    /**
     * All teams by name. Read on every handoff, changed rarely: kept for a few seconds (dropped at once on a change
     * through this node; other nodes see it within {@link #CACHE_TTL}).
     */
    public List<Team> list() {
        Cached current = cache;
        if (current != null && current.until().isAfter(clock.instant())) {
            return current.teams();
        }
        List<Team> teams = load();
        cache = new Cached(teams, clock.instant().plus(CACHE_TTL));
        return teams;
    }

    private List<Team> load() {
        return jdbc.sql("select t.*, array(select staff_id from team_member m where m.team_id = t.id) as members from team t order by lower(name)")
                .query(this::map).list();
    }

    public Team get(UUID id) {
        return find(id).orElseThrow(() -> new HandoffException(404, "team_not_found", "Unknown team " + id));
    }

    Optional<Team> find(UUID id) {
        return list().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The most specific team that takes a conversation of this locale and these tags; empty: everyone takes it. */
    Optional<Team> teamFor(String locale, Set<String> tags) {
        return list().stream().filter(t -> t.takes(locale, tags)).max(Comparator.comparingInt(Team::specificity));
    }

    @Transactional
    public Team save(UUID id, Team input) {
        validate(input);
        boolean exists = id != null && jdbc.sql("select count(*) from team where id = ?").param(id).query(Long.class).single() > 0;
        if (id != null && !exists) {
            throw new HandoffException(404, "team_not_found", "Unknown team " + id);
        }
        if (jdbc.sql("select count(*) from team where lower(name) = lower(?) and id is distinct from ?")
                .params(input.name().trim(), id).query(Long.class).single() > 0) {
            throw new HandoffException(409, "team_name_taken", "There is already a team called " + input.name().trim());
        }
        UUID teamId = id != null ? id : UUID.randomUUID();
        String hours = input.hours() == null ? null : json.writeValueAsString(input.hours());
        Object[] values = { input.name().trim(), input.locales().toArray(String[]::new), input.tags().toArray(String[]::new),
                input.timeZone() == null ? "UTC" : input.timeZone(), hours,
                input.holidays().stream().map(java.sql.Date::valueOf).toArray(java.sql.Date[]::new) };
        if (exists) {
            jdbc.sql("update team set name = ?, locales = ?, tags = ?, time_zone = ?, hours = ?::jsonb, holidays = ? where id = ?")
                    .params(values[0], values[1], values[2], values[3], values[4], values[5], teamId).update();
            jdbc.sql("delete from team_member where team_id = ?").param(teamId).update();
        }
        else {
            jdbc.sql("insert into team (name, locales, tags, time_zone, hours, holidays, id, created_at) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)")
                    .params(values[0], values[1], values[2], values[3], values[4], values[5], teamId,
                            Timestamp.from(clock.instant())).update();
        }
        for (UUID member : input.memberIds()) {
            jdbc.sql("insert into team_member (team_id, staff_id) values (?, ?) on conflict do nothing").params(teamId, member).update();
        }
        cache = null;
        return get(teamId);
    }

    @Transactional
    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from team where id = ?").param(id).update();
        cache = null;
    }

    private void validate(Team input) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!StringUtils.hasText(input.name()) || input.name().trim().length() > 100) {
            problems.put("name", "must be 1 to 100 characters");
        }
        if (input.timeZone() != null) {
            try {
                ZoneId.of(input.timeZone());
            }
            catch (DateTimeException e) {
                problems.put("timeZone", "must be a time zone id such as Europe/Berlin");
            }
        }
        if (input.hours() != null) {
            for (var day : input.hours().entrySet()) {
                if (!DAYS.contains(day.getKey())) {
                    problems.put("hours", "days must be monday ... sunday, not " + day.getKey());
                }
                else if (day.getValue() == null || day.getValue().stream().anyMatch(w -> w == null || w.from() == null
                        || w.to() == null || !w.from().isBefore(w.to()))) {
                    problems.put("hours", day.getKey() + ": each window needs from < to (HH:mm)");
                }
            }
        }
        List<UUID> notAgents = input.memberIds().stream().filter(m -> !agents.isAgent(m)).toList();
        if (!notAgents.isEmpty()) {
            problems.put("memberIds", "are not active agents: " + notAgents);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    private Team map(ResultSet rs, int row) throws SQLException {
        String hours = rs.getString("hours");
        List<LocalDate> holidays = new ArrayList<>();
        for (Object date : (Object[]) rs.getArray("holidays").getArray()) {
            holidays.add(((java.sql.Date) date).toLocalDate());
        }
        return new Team(rs.getObject("id", UUID.class), rs.getString("name"), strings(rs.getArray("locales")),
                strings(rs.getArray("tags")), Arrays.stream((Object[]) rs.getArray("members").getArray()).map(UUID.class::cast).toList(),
                rs.getString("time_zone"), hours == null ? null : json.readValue(hours, HOURS), holidays);
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }
}
