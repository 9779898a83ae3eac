package io.parley.customer;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/**
 * Verifies the identity JWT a host application signs for its signed-in user (issue #15): HS256 under the identity
 * secret, or RS256 under a key from a JWKS URI or a PEM public key (the settings in force: {@link IdentitySettings}). Signature checking is Spring Security's
 * (NimbusJwtDecoder); the claim rules are ours, so each rejection has its own code instead of one opaque failure:
 * {@code exp} and {@code sub} are required, {@code name}, {@code email}, {@code company} and {@code locale} are
 * optional strings, every other non-registered claim is a custom attribute.
 */
@Component
class IdentityTokens {

    /** HS256 needs a key at least as long as its hash (RFC 7518 §3.2); Nimbus refuses shorter ones. */
    static final int MIN_HMAC_KEY_BYTES = 32;
    static final int MAX_ATTRIBUTES = 50;
    private static final Set<String> NOT_ATTRIBUTES = Set.of("sub", "exp", "iat", "nbf", "iss", "aud", "jti",
            "name", "email", "company", "locale");

    /** The decoders for one set of settings; built again when the settings change (admin page, another node). */
    private record Keys(IdentitySettings.Effective settings, NimbusJwtDecoder hmac, NimbusJwtDecoder rsa, String hmacUnavailable) {
    }

    private final IdentitySettings settings;
    private final AtomicReference<Keys> keys = new AtomicReference<>();
    private final Clock clock;

    /** Configuration only (unit tests). */
    IdentityTokens(CustomerProperties properties, Clock clock) {
        this(IdentitySettings.configured(properties), clock);
    }

    @Autowired
    IdentityTokens(IdentitySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // a configured key that is no key stops the start (what an admin saves is checked when saved)
        build(IdentitySettings.configured(settings.properties()).current());
    }

    private Keys keys() {
        IdentitySettings.Effective current = settings.current();
        Keys built = keys.get();
        if (built == null || !built.settings().equals(current)) {
            built = build(current);
            keys.set(built);
        }
        return built;
    }

    private static Keys build(IdentitySettings.Effective settings) {
        String secret = settings.hmacSecret();
        byte[] key = StringUtils.hasText(secret) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
        NimbusJwtDecoder hmac = null;
        String hmacUnavailable = null;
        if (key.length >= MIN_HMAC_KEY_BYTES) {
            hmac = accepting(NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build());
        }
        else {
            hmacUnavailable = key.length == 0 ? "no identity secret is configured (parley.customer.identity-secret)"
                    : "the identity secret is shorter than " + MIN_HMAC_KEY_BYTES + " bytes, too short for HS256";
        }
        return new Keys(settings, hmac, rsaDecoder(settings), hmacUnavailable);
    }

    /** The secret of {@code userHash} (and HS256) in force, or null. */
    String hmacSecret() {
        return settings.current().hmacSecret();
    }

    /** Whether signed identities can be verified at all (for the settings API and the start-up log). */
    Map<String, Boolean> algorithms() {
        Keys current = keys();
        return Map.of("HS256", current.hmac() != null, "RS256", current.rsa() != null);
    }

    SignedIdentity verify(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token.trim());
        }
        catch (ParseException e) {
            throw new IdentityTokenRejected("identity_token_malformed", "The identity token is not a JWT: " + e.getMessage());
        }
        if (parsed instanceof PlainJWT) {
            throw new IdentityTokenRejected("identity_token_unsigned", "The identity token is not signed (alg none)");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw new IdentityTokenRejected("identity_token_malformed", "Encrypted identity tokens are not accepted; sign it (JWS)");
        }
        String algorithm = signed.getHeader().getAlgorithm().getName();
        Keys current = keys();
        NimbusJwtDecoder decoder = switch (algorithm) {
            case "HS256" -> current.hmac();
            case "RS256" -> current.rsa();
            default -> null;
        };
        if (decoder == null) {
            throw notAccepted(current, algorithm);
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token.trim());
        }
        catch (BadJwtException e) {
            throw new IdentityTokenRejected("identity_token_bad_signature",
                    "The identity token's signature does not verify with the configured " + algorithm + " key");
        }
        catch (JwtException e) {
            // the JWKS could not be fetched: not the token's fault, and it will pass
            throw new IdentityTokenRejected(503, "identity_keys_unavailable",
                    "The signing keys of the host application could not be fetched; try again shortly");
        }
        return claims(jwt, current.settings().clockSkew());
    }

    private SignedIdentity claims(Jwt jwt, Duration skew) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            throw missing("exp");
        }
        if (expiresAt.plus(skew).isBefore(now)) {
            throw new IdentityTokenRejected("identity_token_expired", "The identity token expired at " + expiresAt);
        }
        if (jwt.getNotBefore() != null && jwt.getNotBefore().minus(skew).isAfter(now)) {
            throw new IdentityTokenRejected("identity_token_not_yet_valid", "The identity token is valid from " + jwt.getNotBefore());
        }
        String subject = text(jwt, "sub", 200);
        if (subject == null) {
            throw missing("sub");
        }
        // the custom claims, in their order, as JSON values
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        jwt.getClaims().forEach((name, value) -> {
            if (!NOT_ATTRIBUTES.contains(name) && value != null) {
                attributes.put(name, CustomerAttributes.json(value));
            }
        });
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw invalid("attributes", "at most " + MAX_ATTRIBUTES + " custom attributes are kept");
        }
        return new SignedIdentity(subject, text(jwt, "name", 200), text(jwt, "email", 320), text(jwt, "company", 200),
                text(jwt, "locale", 20), new CustomerAttributes(attributes));
    }

    private static String text(Jwt jwt, String claim, int maxLength) {
        Object value = jwt.getClaims().get(claim);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(claim, "must be a string");
        }
        if (s.length() > maxLength) {
            throw invalid(claim, "is longer than " + maxLength + " characters");
        }
        return StringUtils.hasText(s) ? s.trim() : null;
    }

    private static IdentityTokenRejected notAccepted(Keys keys, String algorithm) {
        String reason = switch (algorithm) {
            case "HS256" -> "HS256 tokens cannot be verified: " + keys.hmacUnavailable();
            case "RS256" -> "RS256 tokens cannot be verified: no public key is configured "
                    + "(parley.customer.identity-jwks-uri or identity-public-key)";
            default -> "Identity tokens must be signed with HS256 or RS256, not " + algorithm;
        };
        return new IdentityTokenRejected(keys.hmac() == null && keys.rsa() == null ? "identity_token_not_configured"
                : "identity_token_algorithm_not_accepted", reason);
    }

    private static IdentityTokenRejected missing(String claim) {
        return new IdentityTokenRejected("identity_token_missing_claim", "The identity token has no '" + claim + "' claim");
    }

    private static IdentityTokenRejected invalid(String claim, String reason) {
        return new IdentityTokenRejected("identity_token_invalid_claim", "The identity token's '" + claim + "' " + reason);
    }

    private static NimbusJwtDecoder rsaDecoder(IdentitySettings.Effective settings) {
        if (StringUtils.hasText(settings.jwksUri())) {
            // bounded: a stalled key server must not hold a session request (and its thread) indefinitely
            SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
            http.setConnectTimeout(Duration.ofSeconds(5));
            http.setReadTimeout(Duration.ofSeconds(5));
            return accepting(NimbusJwtDecoder.withJwkSetUri(settings.jwksUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).restOperations(new RestTemplate(http)).build());
        }
        if (StringUtils.hasText(settings.publicKey())) {
            return accepting(NimbusJwtDecoder.withPublicKey(publicKey(settings.publicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build());
        }
        return null;
    }

    /** The decoder checks the signature only; {@link #claims} checks the timestamps with our clock and codes. */
    private static NimbusJwtDecoder accepting(NimbusJwtDecoder decoder) {
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return decoder;
    }

    static RSAPublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (Exception e) {
            throw new IllegalStateException("parley.customer.identity-public-key is not an RSA public key in PEM "
                    + "(-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
        }
    }
}
