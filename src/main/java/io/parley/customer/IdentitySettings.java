package io.parley.customer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.parley.core.InvalidInput;
import io.parley.core.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * The identity verification settings in force: what an admin saved ({@code customer_identity_settings}, the secret
 * sealed at rest) field by field over the configuration ({@code parley.customer.identity-*}). Every node reads the
 * row again after {@link #REFRESH}, so a change on one node holds everywhere within seconds.
 */
@Service
public class IdentitySettings {

    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(IdentitySettings.class);

    /** The settings verification uses; null fields are not set. */
    public record Effective(String hmacSecret, String jwksUri, String publicKey, Duration clockSkew) {

        /** HS256 JWTs can be verified: the secret is long enough. */
        public boolean hs256() {
            return hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length >= IdentityTokens.MIN_HMAC_KEY_BYTES;
        }

        public boolean rs256() {
            return jwksUri != null || publicKey != null;
        }
    }

    /** Where a setting comes from. */
    public enum Source { ADMIN, CONFIGURATION, NONE }

    /** What the admin page may see: never the secret, only whether it is set and where from. */
    public record Status(Source hmacSecret, Source jwksUri, String jwksUriValue, Source publicKey, long clockSkewSeconds,
            Source clockSkew, Instant updatedAt, String updatedBy) {
    }

    /**
     * A change from the admin page. A null field keeps what is saved; an empty one removes it (back to the
     * configuration).
     */
    public record Change(String hmacSecret, String jwksUri, String publicKey, Integer clockSkewSeconds) {
    }

    private record Stored(String hmacSecret, String jwksUri, String publicKey, Integer clockSkewSeconds, Instant updatedAt,
            String updatedBy) {
        static final Stored NONE = new Stored(null, null, null, null, null, null);
    }

    private record Loaded(Stored stored, Instant at) {
    }

    private final CustomerProperties properties;
    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private volatile Loaded loaded;

    @Autowired
    IdentitySettings(CustomerProperties properties, JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Configuration only, nothing stored (unit tests). */
    static IdentitySettings configured(CustomerProperties properties) {
        return new IdentitySettings(properties, null, null, Clock.systemUTC());
    }

    CustomerProperties properties() {
        return properties;
    }

    public Effective current() {
        Stored stored = stored();
        return new Effective(pick(stored.hmacSecret(), properties::identitySecret), pick(stored.jwksUri(), properties::identityJwksUri),
                pick(stored.publicKey(), properties::identityPublicKey),
                stored.clockSkewSeconds() != null ? Duration.ofSeconds(stored.clockSkewSeconds()) : properties.identityClockSkew());
    }

    public Status status() {
        Stored stored = stored();
        Effective effective = current();
        return new Status(source(stored.hmacSecret(), properties.identitySecret()), source(stored.jwksUri(), properties.identityJwksUri()),
                effective.jwksUri(), source(stored.publicKey(), properties.identityPublicKey()), effective.clockSkew().toSeconds(),
                stored.clockSkewSeconds() != null ? Source.ADMIN : Source.CONFIGURATION, stored.updatedAt(), stored.updatedBy());
    }

    /** Validates and saves the change; refused as a whole (400 with the fields) when any part is wrong. */
    public Status change(Change change, String by) {
        Stored before = load();
        Map<String, String> invalid = new LinkedHashMap<>();
        String secret = merge(before.hmacSecret(), change.hmacSecret());
        if (change.hmacSecret() != null && secret != null) {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < IdentityTokens.MIN_HMAC_KEY_BYTES || secret.length() > 512) {
                invalid.put("hmacSecret", "must be " + IdentityTokens.MIN_HMAC_KEY_BYTES + " to 512 characters (HS256 needs "
                        + IdentityTokens.MIN_HMAC_KEY_BYTES + " bytes); e.g. openssl rand -hex 32");
            }
        }
        String jwksUri = merge(before.jwksUri(), change.jwksUri());
        if (change.jwksUri() != null && jwksUri != null && !acceptableKeyUri(jwksUri)) {
            invalid.put("jwksUri", "must be an https:// URL (http:// only to localhost), at most 2000 characters");
        }
        String publicKey = merge(before.publicKey(), change.publicKey());
        if (change.publicKey() != null && publicKey != null) {
            try {
                IdentityTokens.publicKey(publicKey);
            }
            catch (IllegalStateException e) {
                invalid.put("publicKey", "is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)");
            }
        }
        if (jwksUri != null && publicKey != null) {
            invalid.put(change.publicKey() != null ? "publicKey" : "jwksUri",
                    "set either a JWKS URI or a PEM public key for RS256, not both");
        }
        Integer skew = change.clockSkewSeconds() != null ? change.clockSkewSeconds() : before.clockSkewSeconds();
        if (change.clockSkewSeconds() != null && (skew < 0 || skew > MAX_SKEW.toSeconds())) {
            invalid.put("clockSkewSeconds", "must be 0 to " + MAX_SKEW.toSeconds());
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInput(invalid);
        }
        Instant now = clock.instant();
        jdbc.sql("insert into customer_identity_settings (id, hmac_secret, jwks_uri, public_key, clock_skew_seconds, updated_at, updated_by) "
                + "values (1, ?, ?, ?, ?, ?, ?) on conflict (id) do update set hmac_secret = excluded.hmac_secret, "
                + "jwks_uri = excluded.jwks_uri, public_key = excluded.public_key, clock_skew_seconds = excluded.clock_skew_seconds, "
                + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(secret == null ? null : cipher.seal(secret), jwksUri, publicKey, skew, Timestamp.from(now), by).update();
        loaded = null;
        log.info("Identity verification settings changed by {}", by);
        return status();
    }

    private Stored stored() {
        if (jdbc == null) {
            return Stored.NONE;
        }
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current == null || current.at().plus(REFRESH).isBefore(now)) {
            try {
                current = new Loaded(load(), now);
                loaded = current;
            }
            catch (DataAccessException e) {
                if (current == null) {
                    throw e;
                }
                // the database away for a moment: the settings read a few seconds ago still hold
            }
        }
        return current.stored();
    }

    private Stored load() {
        Optional<Stored> row = jdbc.sql("select hmac_secret, jwks_uri, public_key, clock_skew_seconds, updated_at, updated_by "
                + "from customer_identity_settings where id = 1")
                .query((rs, n) -> {
                    int skew = rs.getInt("clock_skew_seconds");
                    Integer skewSeconds = rs.wasNull() ? null : skew;
                    String sealed = rs.getString("hmac_secret");
                    return new Stored(sealed == null ? null : cipher.open(sealed), rs.getString("jwks_uri"), rs.getString("public_key"),
                            skewSeconds, rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
                }).optional();
        return row.orElse(Stored.NONE);
    }

    private static String merge(String saved, String change) {
        if (change == null) {
            return saved;
        }
        return StringUtils.hasText(change) ? change.strip() : null;
    }

    private static String pick(String stored, Supplier<String> configured) {
        return stored != null ? stored : StringUtils.hasText(configured.get()) ? configured.get() : null;
    }

    private static Source source(String stored, String configured) {
        return stored != null ? Source.ADMIN : StringUtils.hasText(configured) ? Source.CONFIGURATION : Source.NONE;
    }

    private static boolean acceptableKeyUri(String value) {
        if (value.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            return host != null && ("https".equals(uri.getScheme())
                    || "http".equals(uri.getScheme()) && ("localhost".equals(host) || "127.0.0.1".equals(host)));
        }
        catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
