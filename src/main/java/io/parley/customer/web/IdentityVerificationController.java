package io.parley.customer.web;

import java.util.LinkedHashMap;
import java.util.Map;

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
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("hmac", Map.of("enabled", StringUtils.hasText(properties.identitySecret()),
                "setting", "parley.customer.identity-secret", "algorithm", "HMAC-SHA256", "encoding", "hex",
                "field", "userHash"));
        // JWT (identity helper): its settings go here as "jwt", and the admin page's snippet generator reads them
        return status;
    }

    /** Does {@code userHash} match {@code userId} under the configured secret? */
    @PostMapping("/check")
    Map<String, Object> check(@RequestBody Check body) {
        if (!StringUtils.hasText(body.userId()) || body.userId().length() > 200) {
            throw InvalidInput.field("userId", "is required (at most 200 characters)");
        }
        if (!StringUtils.hasText(body.userHash())) {
            throw InvalidInput.field("userHash", "is required");
        }
        if (!StringUtils.hasText(properties.identitySecret())) {
            return Map.of("valid", false, "reason", "Identity verification is not configured (parley.customer.identity-secret)");
        }
        boolean valid = SignedTokens.hexEquals(SignedTokens.hmacHex(properties.identitySecret(), body.userId()),
                body.userHash().strip());
        return valid ? Map.of("valid", true) : Map.of("valid", false, "reason", "userHash does not match userId");
    }

    record Check(String userId, String userHash) {
    }
}
