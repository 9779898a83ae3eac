package io.parley.core;

import java.security.Principal;
import java.util.Set;

/**
 * Who is talking to the server: a customer (widget), a staff member (agent, writer, admin) or another server
 * with an admin-issued API key ({@link Kind#SERVICE}, REST only). The same principal
 * is used for REST calls and for the STOMP session, so user destinations ({@code /user/queue/...}) reach it.
 *
 * @param kind customer, staff or service (API key)
 * @param id the customer or staff account id, or the API key's id
 * @param displayName name shown to others, may be null
 * @param roles granted roles without the {@code ROLE_} prefix, e.g. {@code CUSTOMER}, {@code AGENT}
 */
public record ParleyPrincipal(Kind kind, String id, String displayName, Set<String> roles) implements Principal {

    public enum Kind { CUSTOMER, STAFF, SERVICE }

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
