package io.parley.agent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.core.ApiKeyAuthenticator;
import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTests {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aKeyWorksUntilItExpiresOrIsRevoked() {
        assertThat(key(null, null).usableAt(NOW)).isTrue();
        assertThat(key(NOW.plusSeconds(1), null).usableAt(NOW)).isTrue();
        assertThat(key(NOW, null).usableAt(NOW)).as("expiry is exclusive").isFalse();
        assertThat(key(null, NOW.minusSeconds(60)).usableAt(NOW)).isFalse();
    }

    @Test
    void scopesBecomeRolesAndAdminImpliesTheOthers() {
        assertThat(ApiKeyScope.roles(Set.of(ApiKeyScope.WRITER))).containsExactly("WRITER");
        assertThat(ApiKeyScope.roles(Set.of(ApiKeyScope.ADMIN))).containsExactlyInAnyOrder("ADMIN", "AGENT", "WRITER");
        ParleyPrincipal principal = ApiKeys.principal(new ApiKey(UUID.randomUUID(), "BI", "pk_abcdefgh",
                Set.of(ApiKeyScope.AGENT), true, null, NOW, null, null, null));
        assertThat(principal.kind()).isEqualTo(ParleyPrincipal.Kind.SERVICE);
        assertThat(principal.getName()).startsWith("service:");
        assertThat(principal.roles()).containsExactlyInAnyOrder("AGENT", ApiKeyAuthenticator.ROLE, ApiKeyAuthenticator.READ_ONLY);
    }

    @Test
    void scopesAreParsedStrictly() {
        assertThat(ApiKeyScope.parse(List.of("Agent", " writer "))).containsExactlyInAnyOrder(ApiKeyScope.AGENT, ApiKeyScope.WRITER);
        assertThatThrownBy(() -> ApiKeyScope.parse(List.of())).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsKey("scopes"));
        assertThatThrownBy(() -> ApiKeyScope.parse(List.of("agent", "root"))).hasMessageContaining("'root'");
    }

    @Test
    void theHashIsSha256HexOfTheWholeKey() {
        // the well-known SHA-256 of "abc"
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeyAuthenticator.looksLikeKey("pk_x")).isTrue();
        assertThat(ApiKeyAuthenticator.looksLikeKey("s:abc")).isFalse();
    }

    private static ApiKey key(Instant expiresAt, Instant revokedAt) {
        return new ApiKey(UUID.randomUUID(), "k", "pk_12345678", Set.of(ApiKeyScope.AGENT), false, null,
                NOW.minusSeconds(3600), expiresAt, null, revokedAt);
    }
}
