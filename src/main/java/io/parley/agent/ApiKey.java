package io.parley.agent;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An admin-issued key for server-to-server calls, as admins see it: never with its secret, which exists only in
 * the answer to the request that issued it ({@link IssuedApiKey}).
 *
 * @param prefix the first characters of the key, to tell keys apart
 * @param readOnly true: the key may only read (GET/HEAD)
 * @param expiresAt null: valid until revoked
 * @param revokedAt null while the key works
 */
public record ApiKey(UUID id, String name, String prefix, Set<ApiKeyScope> scopes, boolean readOnly, UUID createdBy,
        Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key authenticates at {@code now}: not revoked and not expired. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The key and, once only, its secret. */
    public record IssuedApiKey(ApiKey key, String secret) {
    }
}
