package io.parley.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.core.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Saved replies agents share, and the expansion of their placeholders. */
@Service
public class SavedReplies {

    static final int MAX_SHORTCUT = 50;
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 4000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z]+(?:\\.[a-zA-Z]+)*)\\s*}}");
    private static final String COLUMNS = "id, shortcut, title, body, locale, created_at, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    SavedReplies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** All saved replies by shortcut; {@code query} (optional) filters on shortcut, title and body. */
    public List<SavedReply> list(String query) {
        if (!StringUtils.hasText(query)) {
            return jdbc.sql("select " + COLUMNS + " from saved_reply order by lower(shortcut)").query(SavedReplies::map).list();
        }
        String like = "%" + query.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("select " + COLUMNS + " from saved_reply where lower(shortcut) like ? or lower(title) like ? "
                + "or lower(body) like ? order by lower(shortcut)").params(like, like, like).query(SavedReplies::map).list();
    }

    public SavedReply get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from saved_reply where id = ?").param(id).query(SavedReplies::map)
                .optional().orElseThrow(() -> new AgentException(404, "saved_reply_not_found", "Unknown saved reply " + id));
    }

    @Transactional
    public SavedReply create(String shortcut, String title, String body, String locale, UUID createdBy) {
        validate(shortcut, title, body);
        requireFreeShortcut(shortcut, null);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into saved_reply (" + COLUMNS + ", created_by) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, shortcut.trim(), title.trim(), body.strip(), blankToNull(locale), Timestamp.from(now),
                        Timestamp.from(now), createdBy)
                .update();
        return get(id);
    }

    @Transactional
    public SavedReply update(UUID id, String shortcut, String title, String body, String locale) {
        get(id);
        validate(shortcut, title, body);
        requireFreeShortcut(shortcut, id);
        jdbc.sql("update saved_reply set shortcut = ?, title = ?, body = ?, locale = ?, updated_at = ? where id = ?")
                .params(shortcut.trim(), title.trim(), body.strip(), blankToNull(locale), Timestamp.from(clock.instant()), id)
                .update();
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        get(id);
        jdbc.sql("delete from saved_reply where id = ?").param(id).update();
    }

    /**
     * Replaces {@code {{name}}} placeholders with {@code values}; a placeholder without a value stays as written, so
     * the agent sees what is missing before sending.
     */
    public static String expand(String body, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private void requireFreeShortcut(String shortcut, UUID except) {
        boolean taken = jdbc.sql("select count(*) from saved_reply where lower(shortcut) = lower(?) and id is distinct from ?")
                .params(shortcut.trim(), except).query(Long.class).single() > 0;
        if (taken) {
            throw new AgentException(409, "saved_reply_shortcut_taken", "Another saved reply uses the shortcut " + shortcut.trim());
        }
    }

    private static void validate(String shortcut, String title, String body) {
        Map<String, String> problems = new LinkedHashMap<>();
        check(problems, "shortcut", shortcut, MAX_SHORTCUT);
        check(problems, "title", title, MAX_TITLE);
        check(problems, "body", body, MAX_BODY);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    private static void check(Map<String, String> problems, String field, String value, int max) {
        if (!StringUtils.hasText(value)) {
            problems.put(field, "must not be blank");
        }
        else if (value.strip().length() > max) {
            problems.put(field, "must be at most " + max + " characters");
        }
    }

    private static String blankToNull(String value) {
        return StringUtils.hasText(value) ? value.trim() : null;
    }

    private static SavedReply map(ResultSet rs, int row) throws SQLException {
        return new SavedReply(rs.getObject("id", UUID.class), rs.getString("shortcut"), rs.getString("title"),
                rs.getString("body"), rs.getString("locale"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
