package io.parley.customer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer module ({@code parley.customer.*}).
 *
 * @param identitySecret secret shared with the host application; {@code userHash} must be the hex HMAC-SHA256 of
 *     the user id under it, and an HS256 identity JWT is signed with it (at least 32 bytes for that). Empty:
 *     identified sessions need an RS256 JWT; anonymous visitors still work.
 * @param tokenSecret key that signs widget session tokens; empty: generated once and kept in the database
 * @param tokenTtl how long a widget session token is valid (the widget simply starts a new session after that)
 * @param identityJwksUri where the host application publishes its RS256 identity-token keys (JWKS); empty: none
 * @param identityPublicKey the host application's RS256 public key in PEM, for those without a JWKS endpoint
 * @param identityClockSkew tolerance for {@code exp} and {@code nbf} of identity tokens (clocks differ)
 */
@ConfigurationProperties("parley.customer")
public record CustomerProperties(String identitySecret, String tokenSecret, Duration tokenTtl, String identityJwksUri,
        String identityPublicKey, Duration identityClockSkew) {

    public CustomerProperties {
        if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero()) {
            tokenTtl = Duration.ofHours(12);
        }
        if (identityClockSkew == null || identityClockSkew.isNegative()) {
            identityClockSkew = Duration.ofSeconds(60);
        }
    }
}
