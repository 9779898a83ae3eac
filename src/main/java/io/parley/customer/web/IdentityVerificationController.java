package io.parley.customer.web;

import io.parley.core.InvalidInput;
import io.parley.core.ParleyPrincipal;
import io.parley.core.SignedTokens;
import io.parley.customer.IdentitySettings;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identity verification on the admin pages ({@code /api/agent/identity-verification}, ADMIN): what is switched on,
 * the settings (the HS256/userHash secret, the RS256 JWKS URI or PEM key, the clock skew) and where each comes from,
 * changing them, and a check of one userId/userHash pair so an admin can test the host application's hashing. The
 * secret is write-only: no answer ever carries it.
 */
@RestController
@RequestMapping("/api/agent/identity-verification")
class IdentityVerificationController {

    private final IdentitySettings settings;

    IdentityVerificationController(IdentitySettings settings) {
        this.settings = settings;
    }

    /** The userHash scheme, for the snippet generator. */
    record Hmac(boolean enabled, String setting, String algorithm, String encoding, String field) {
    }

    /** Which identity JWTs are accepted. */
    record Jwt(boolean hs256, boolean rs256, String jwksUri, boolean publicKey, long clockSkewSeconds) {
    }

    record Status(Hmac hmac, Jwt jwt, IdentitySettings.Status settings) {
    }

    record Check(String userId, String userHash) {
    }

    record Verdict(boolean valid, String reason) {
    }

    @GetMapping
    Status status() {
        IdentitySettings.Effective effective = settings.current();
        return new Status(new Hmac(effective.hmacSecret() != null, "parley.customer.identity-secret", "HMAC-SHA256", "hex", "userHash"),
                new Jwt(effective.hs256(), effective.rs256(), effective.jwksUri(), effective.publicKey() != null,
                        effective.clockSkew().toSeconds()),
                settings.status());
    }

    /** A field left out keeps its value; an empty one goes back to the configuration. */
    @PutMapping
    Status change(@RequestBody(required = false) IdentitySettings.Change change, @AuthenticationPrincipal ParleyPrincipal principal) {
        if (change == null) {
            throw InvalidInput.field("body", "is required: hmacSecret, jwksUri, publicKey and/or clockSkewSeconds");
        }
        settings.change(change, principal == null ? null : principal.displayName() != null ? principal.displayName() : principal.id());
        return status();
    }

    /** Does {@code userHash} match {@code userId} under the secret in force? */
    @PostMapping("/check")
    Verdict check(@RequestBody Check body) {
        if (!StringUtils.hasText(body.userId()) || body.userId().length() > 200) {
            throw InvalidInput.field("userId", "is required (at most 200 characters)");
        }
        if (!StringUtils.hasText(body.userHash())) {
            throw InvalidInput.field("userHash", "is required");
        }
        String secret = settings.current().hmacSecret();
        if (secret == null) {
            return new Verdict(false, "Identity verification is not configured (parley.customer.identity-secret or the admin page)");
        }
        boolean valid = SignedTokens.hexEquals(SignedTokens.hmacHex(secret, body.userId()), body.userHash().strip());
        return valid ? new Verdict(true, null) : new Verdict(false, "userHash does not match userId");
    }
}
