package io.parley.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityTokensTests {

    static final String SECRET = "an-identity-secret-of-thirty-two-bytes-or-more";
    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void anRs256TokenVerifiesAgainstAPemPublicKey() {
        RSAKey key = IdentityJwts.rsaKey("pem");
        IdentityTokens tokens = new IdentityTokens(properties(null, IdentityJwts.pem(key)), CLOCK);

        SignedIdentity identity = tokens.verify(IdentityJwts.rs256(key, claims("u-1", NOW.plusSeconds(60), Map.of("name", "Pem"))));

        assertThat(identity.subject()).isEqualTo("u-1");
        assertThat(identity.name()).isEqualTo("Pem");
        assertThat(tokens.algorithms()).containsEntry("RS256", true).containsEntry("HS256", true);
        assertThatThrownBy(() -> tokens.verify(IdentityJwts.rs256(IdentityJwts.rsaKey("other"), claims("u-1", NOW.plusSeconds(60), Map.of()))))
                .hasFieldOrPropertyWithValue("code", "identity_token_bad_signature");
    }

    @Test
    void expiryAllowsTheConfiguredClockSkewAndNotMore() {
        IdentityTokens tokens = new IdentityTokens(properties(null, null), CLOCK);

        assertThat(tokens.verify(hs(claims("u", NOW.minusSeconds(30), Map.of()))).subject()).isEqualTo("u");
        assertThatThrownBy(() -> tokens.verify(hs(claims("u", NOW.minusSeconds(90), Map.of()))))
                .hasFieldOrPropertyWithValue("code", "identity_token_expired");
        JWTClaimsSet later = new JWTClaimsSet.Builder(claims("u", NOW.plusSeconds(600), Map.of()))
                .notBeforeTime(Date.from(NOW.plusSeconds(300))).build();
        assertThatThrownBy(() -> tokens.verify(hs(later))).hasFieldOrPropertyWithValue("code", "identity_token_not_yet_valid");
    }

    @Test
    void customClaimsAreAttributesAndWrongTypesOrTooManyAreRefused() {
        IdentityTokens tokens = new IdentityTokens(properties(null, null), CLOCK);

        SignedIdentity identity = tokens.verify(hs(claims("u", NOW.plusSeconds(60),
                Map.of("company", "Acme", "plan", "pro", "iss", "https://app.example", "flags", java.util.List.of("beta")))));
        assertThat(identity.company()).isEqualTo("Acme");
        assertThat(identity.attributes().values()).containsOnlyKeys("plan", "flags");

        assertThatThrownBy(() -> tokens.verify(hs(claims("u", NOW.plusSeconds(60), Map.of("email", 42)))))
                .hasFieldOrPropertyWithValue("code", "identity_token_invalid_claim").hasMessageContaining("'email'");
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i <= IdentityTokens.MAX_ATTRIBUTES; i++) {
            many.put("a" + i, i);
        }
        assertThatThrownBy(() -> tokens.verify(hs(claims("u", NOW.plusSeconds(60), many))))
                .hasFieldOrPropertyWithValue("code", "identity_token_invalid_claim");
    }

    @Test
    void aSecretTooShortForHs256IsNamedAsTheReason() {
        IdentityTokens tokens = new IdentityTokens(new CustomerProperties("short-secret", null, null, null, null, null), CLOCK);

        assertThat(tokens.algorithms()).containsEntry("HS256", false);
        assertThatThrownBy(() -> tokens.verify(IdentityJwts.hs256(SECRET, claims("u", NOW.plusSeconds(60), Map.of()))))
                .hasFieldOrPropertyWithValue("code", "identity_token_not_configured").hasMessageContaining("shorter than 32 bytes");
    }

    private static String hs(JWTClaimsSet claims) {
        return IdentityJwts.hs256(SECRET, claims);
    }

    private static JWTClaimsSet claims(String subject, Instant expiresAt, Map<String, Object> extra) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expiresAt));
        extra.forEach(builder::claim);
        return builder.build();
    }

    private static CustomerProperties properties(String jwksUri, String pem) {
        return new CustomerProperties(SECRET, null, null, jwksUri, pem, Duration.ofSeconds(60));
    }
}
