package io.parley.agent.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.agent.ApiKey;
import io.parley.agent.ApiKeyScope;
import io.parley.agent.ApiKeys;
import io.parley.core.ParleyPrincipal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys for admins (ADMIN only by the URL rule; a signed-in admin, not a key, by {@link ApiKeys}). */
@RestController
@RequestMapping("/api/agent/api-keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    List<ApiKeyView> list() {
        return keys.list().stream().map(k -> ApiKeyView.of(k, null)).toList();
    }

    @GetMapping("/{id}")
    ApiKeyView get(@PathVariable UUID id) {
        return ApiKeyView.of(keys.get(id), null);
    }

    /** The answer is the only place the key's secret ever appears. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyView issue(@AuthenticationPrincipal ParleyPrincipal admin, @RequestBody IssueKey request) {
        ApiKey.IssuedApiKey issued = keys.issue(admin, request.name(), ApiKeyScope.parse(request.scopes()),
                Boolean.TRUE.equals(request.readOnly()), request.expiresAt());
        return ApiKeyView.of(issued.key(), issued.secret());
    }

    /** Revokes; the key stays listed with {@code revokedAt} so the log of who had access remains. */
    @DeleteMapping("/{id}")
    ApiKeyView revoke(@AuthenticationPrincipal ParleyPrincipal admin, @PathVariable UUID id) {
        return ApiKeyView.of(keys.revoke(admin, id), null);
    }

    /** @param scopes agent, writer and/or admin */
    record IssueKey(String name, List<String> scopes, Boolean readOnly, Instant expiresAt) {
    }

    /** @param key the secret, present only in the answer to the issuing request */
    record ApiKeyView(UUID id, String name, String prefix, Set<String> scopes, boolean readOnly, UUID createdBy,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String key) {

        static ApiKeyView of(ApiKey k, String secret) {
            return new ApiKeyView(k.id(), k.name(), k.prefix(),
                    k.scopes().stream().map(ApiKeyScope::json).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    k.readOnly(), k.createdBy(), k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revokedAt(), secret);
        }
    }
}
