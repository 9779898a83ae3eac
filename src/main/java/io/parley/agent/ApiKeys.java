package io.parley.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parley.core.ApiKeyAuthenticator;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Issues, lists, revokes and checks API keys. A key is {@code pk_} + 32 random bytes (base64url); only its SHA-256
 * is stored, which is enough because the secret has full entropy (no slow password hash needed) and lets a request
 * find its key with one indexed lookup. Every check reads the row, so a revocation applies to the next request.
 */
@Service
public class ApiKeys implements ApiKeyAuthenticator {

    private static final String COLUMNS = "id, name, prefix, scopes, read_only, created_by, created_at, expires_at, "
            + "last_used_at, revoked_at";
    /** last_used_at is a hint for admins, not an audit log: at most one write per key and minute. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param issuer the signed-in admin; API keys themselves cannot issue keys
     * @param expiresAt null for a key that lives until it is revoked
     */
    @Transactional
    public ApiKey.IssuedApiKey issue(ParleyPrincipal issuer, String name, Set<ApiKeyScope> scopes, boolean readOnly,
            Instant expiresAt) {
        UUID issuedBy = requireStaff(issuer);
        if (!StringUtils.hasText(name) || name.length() > 100) {
            throw InvalidInput.field("name", "must be 1 to 100 characters, e.g. the system that uses the key");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw InvalidInput.field("expiresAt", "must be in the future");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(UUID.randomUUID(), name.trim(), secret.substring(0, PREFIX.length() + 8), scopes,
                readOnly, issuedBy, now, expiresAt, null, null);
        jdbc.sql("""
                insert into api_key (id, name, prefix, secret_hash, scopes, read_only, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), key.name(), key.prefix(), hash(secret), scopes(scopes), readOnly, issuedBy,
                        Timestamp.from(now), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        return new ApiKey.IssuedApiKey(key, secret);
    }

    public List<ApiKey> list() {
        return jdbc.sql("select " + COLUMNS + " from api_key order by created_at desc").query(ApiKeys::map).list();
    }

    public ApiKey get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_key where id = ?").param(id).query(ApiKeys::map).optional()
                .orElseThrow(() -> AgentException.apiKeyNotFound(id));
    }

    /** Revoking twice keeps the first revocation's time and admin. */
    @Transactional
    public ApiKey revoke(ParleyPrincipal admin, UUID id) {
        UUID revokedBy = requireStaff(admin);
        get(id);
        jdbc.sql("update api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), revokedBy, id).update();
        return get(id);
    }

    @Override
    public Optional<ParleyPrincipal> authenticate(String secret) {
        if (!ApiKeyAuthenticator.looksLikeKey(secret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> key = jdbc.sql("select " + COLUMNS + " from api_key where secret_hash = ?").param(hash(secret))
                .query(ApiKeys::map).optional().filter(k -> k.usableAt(now));
        key.ifPresent(k -> jdbc.sql("update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), k.id(), Timestamp.from(now.minus(LAST_USED_RESOLUTION))).update());
        return key.map(ApiKeys::principal);
    }

    static ParleyPrincipal principal(ApiKey key) {
        Set<String> roles = new HashSet<>(ApiKeyScope.roles(key.scopes()));
        roles.add(ROLE);
        if (key.readOnly()) {
            roles.add(READ_ONLY);
        }
        return new ParleyPrincipal(ParleyPrincipal.Kind.SERVICE, key.id().toString(), key.name(), roles);
    }

    private static UUID requireStaff(ParleyPrincipal principal) {
        if (principal == null || principal.kind() != ParleyPrincipal.Kind.STAFF) {
            throw AgentException.apiKeysNeedStaff();
        }
        return UUID.fromString(principal.id());
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String[] scopes(Set<ApiKeyScope> scopes) {
        return scopes.stream().sorted().map(ApiKeyScope::name).toArray(String[]::new);
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("scopes");
        Set<ApiKeyScope> scopes = Arrays.stream((String[]) array.getArray()).map(ApiKeyScope::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiKeyScope.class)));
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"), scopes,
                rs.getBoolean("read_only"), rs.getObject("created_by", UUID.class), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
