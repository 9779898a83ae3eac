package io.parley.customer;

import io.parley.core.ParleyException;

/** The userHash does not match the userId, or identity verification is not configured. */
public class IdentityVerificationFailed extends ParleyException {

    IdentityVerificationFailed(String message) {
        super(401, "identity_verification_failed", message);
    }
}
