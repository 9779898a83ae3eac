package io.parley.core;

import java.util.Optional;

/**
 * Turns an API key ({@code pk_...}, from {@code Authorization: Bearer} or {@code X-Api-Key}) into a principal of
 * kind {@link ParleyPrincipal.Kind#SERVICE}. Kept apart from {@link TokenAuthenticator} on purpose: API keys are for
 * server-to-server REST calls, so the STOMP CONNECT (which asks the token authenticators) never accepts one.
 */
public interface ApiKeyAuthenticator {

    /** Every API key starts with this, so a bearer token that does not is never looked up as a key. */
    String PREFIX = "pk_";

    /** The role every API key principal carries besides its scopes; a read-only key also carries {@link #READ_ONLY}. */
    String ROLE = "API_KEY";
    String READ_ONLY = "API_KEY_READ_ONLY";

    static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** @return the principal, or empty for an unknown, revoked or expired key */
    Optional<ParleyPrincipal> authenticate(String key);
}
