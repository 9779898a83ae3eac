package io.parley.customer.web;


import io.parley.core.InvalidInput;
import io.parley.core.SignedTokens;
import io.parley.customer.CustomerProperties;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the admin pages show about identity verification ({@code /api/agent/identity-verification}, ADMIN): whether
 * it is switched on, never the secret itself (that lives in configuration, {@code parley.customer.identity-secret}),
 * and a check of one userId/userHash pair so an admin can test the host application's hashing.
 */
@RestController
@RequestMapping("/api/agent/identity-verification")
class IdentityVerificationController {

    private final CustomerProperties properties;

    IdentityVerificationController(CustomerProperties properties) {
        this.properties = properties;
    }

    @GetMapping
    Status status() {
        // JWT (identity helper): its settings go next to "hmac" as "jwt", and the admin page's snippet generator reads them
        return new Status(new Hmac(StringUtils.hasText(properties.identitySecret()), "parley.customer.identity-secret",
                "HMAC-SHA256", "hex", "userHash"));
    }

    /** Does {@code userHash} match {@code userId} under the configured secret? */
    @PostMapping("/check")
    CheckResult check(@RequestBody Check body) {
        if (!StringUtils.hasText(body.userId()) || body.userId().length() > 200) {
            throw InvalidInput.field("userId", "is required (at most 200 characters)");
        }
        if (!StringUtils.hasText(body.userHash())) {
            throw InvalidInput.field("userHash", "is required");
        }
        if (!StringUtils.hasText(properties.identitySecret())) {
            return new CheckResult(false, "Identity verification is not configured (parley.customer.identity-secret)");
        }
        boolean valid = SignedTokens.hexEquals(SignedTokens.hmacHex(properties.identitySecret(), body.userId()),
                body.userHash().strip());
        return valid ? new CheckResult(true, null) : new CheckResult(false, "userHash does not match userId");
    }

    record Check(String userId, String userHash) {
    }

    record Status(Hmac hmac) {
    }

    /** @param field the session request's field that carries the hash */
    record Hmac(boolean enabled, String setting, String algorithm, String encoding, String field) {
    }

    /** @param reason why not, left out when valid */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record CheckResult(boolean valid, String reason) {
    }
}
