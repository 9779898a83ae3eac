package io.parley.core;

import java.util.Optional;

/**
 * Turns a bearer token into a principal. Each module that issues tokens (customers' widget sessions, staff logins)
 * contributes one; REST and STOMP authentication ask all of them.
 */
public interface TokenAuthenticator {

    /** @return the principal, or empty when this authenticator does not recognise the token */
    Optional<ParleyPrincipal> authenticate(String token);

    /** The principal from the first authenticator that recognises the token (REST and STOMP ask the same way). */
    static Optional<ParleyPrincipal> firstMatch(Iterable<? extends TokenAuthenticator> authenticators, String token) {
        for (TokenAuthenticator authenticator : authenticators) {
            Optional<ParleyPrincipal> principal = authenticator.authenticate(token);
            if (principal.isPresent()) {
                return principal;
            }
        }
        return Optional.empty();
    }
}
