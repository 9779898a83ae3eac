package io.parley.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignedTokensTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final SignedTokens tokens = new SignedTokens(KEY, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void verifiesItsOwnTokenUntilItExpires() {
        String token = tokens.issue("c:42", now.plus(Duration.ofHours(1)));
        assertThat(tokens.verify(token)).contains("c:42");

        SignedTokens later = new SignedTokens(KEY, Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void anIdTokenNamesItsKindAndAUuid() {
        java.util.UUID id = java.util.UUID.randomUUID();
        Instant later = now.plus(Duration.ofHours(1));
        assertThat(tokens.verifyId(tokens.issue("s:" + id, later), "s:")).contains(id);
        assertThat(tokens.verifyId(tokens.issue("s:" + id, later), "c:")).as("another kind of token").isEmpty();
        assertThat(tokens.verifyId(tokens.issue("s:42", later), "s:")).as("not a UUID").isEmpty();
    }

    @Test
    void rejectsTamperedForeignAndGarbageTokens() {
        String token = tokens.issue("c:42", now.plus(Duration.ofHours(1)));
        String otherPayload = tokens.issue("c:43", now.plus(Duration.ofHours(1)));
        String forged = otherPayload.substring(0, otherPayload.indexOf('.')) + token.substring(token.indexOf('.'));
        SignedTokens otherKey = new SignedTokens("another-key-another-key-123456".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(otherKey.verify(token)).isEmpty();
        assertThat(tokens.verify("not-a-token")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("%%%.###")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void hmacHexMatchesTheRfc4231TestVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(SignedTokens.hmacHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(SignedTokens.hexEquals("5BDCC146", "5bdcc146")).isTrue();
        assertThat(SignedTokens.hexEquals("5bdcc146", "5bdcc147")).isFalse();
        assertThat(SignedTokens.hexEquals("5bdcc146", null)).isFalse();
    }
}
