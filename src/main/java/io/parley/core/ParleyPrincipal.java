package io.parley.core;

import java.security.Principal;
import java.util.Set;

/**
 * Who is talking to the server: a customer (widget) or a staff member (agent, writer, admin). The same principal
 * is used for REST calls and for the STOMP session, so user destinations ({@code /user/queue/...}) reach it.
 *
 * @param kind customer or staff
 * @param id the customer or staff account id
 * @param displayName name shown to others, may be null
 * @param roles granted roles without the {@code ROLE_} prefix, e.g. {@code CUSTOMER}, {@code AGENT}
 */
public record ParleyPrincipal(Kind kind, String id, String displayName, Set<String> roles) implements Principal {

    public enum Kind { CUSTOMER, STAFF }

    public ParleyPrincipal {
        roles = Set.copyOf(roles);
    }

    public static ParleyPrincipal customer(String customerId, String displayName) {
        return new ParleyPrincipal(Kind.CUSTOMER, customerId, displayName, Set.of("CUSTOMER"));
    }

    public boolean isCustomer() {
        return kind == Kind.CUSTOMER;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Unique across kinds: the key Spring uses to route {@code /user/...} destinations. */
    @Override
    public String getName() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
