package io.parley.customer;

import io.parley.core.ParleyException;

/**
 * A signed identity (JWT) the server does not accept. Each reason has its own code so the host application's
 * developers see at once what to fix: {@code identity_token_malformed}, {@code identity_token_unsigned},
 * {@code identity_token_algorithm_not_accepted}, {@code identity_token_bad_signature},
 * {@code identity_token_expired}, {@code identity_token_not_yet_valid}, {@code identity_token_missing_claim},
 * {@code identity_token_invalid_claim}, {@code identity_token_subject_mismatch}, {@code identity_token_not_configured}
 * (all 401), and {@code identity_keys_unavailable} (503: the configured JWKS could not be fetched; try again).
 */
public class IdentityTokenRejected extends ParleyException {

    IdentityTokenRejected(String code, String message) {
        this(401, code, message);
    }

    IdentityTokenRejected(int status, String code, String message) {
        super(status, code, message);
    }
}
