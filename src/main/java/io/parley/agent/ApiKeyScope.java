package io.parley.agent;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.parley.core.InvalidInput;

/**
 * What an API key may reach: the same areas as the staff roles of the same name ({@code agent}: conversations,
 * tickets and figures; {@code writer}: articles and content gaps; {@code admin}: configuration, personal data, and
 * both of the others, as for staff). Scopes map onto roles so the URL rules of the application apply unchanged.
 */
public enum ApiKeyScope {

    AGENT(StaffRole.AGENT), WRITER(StaffRole.WRITER), ADMIN(StaffRole.ADMIN);

    private final StaffRole role;

    ApiKeyScope(StaffRole role) {
        this.role = role;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The roles a key with these scopes acts with (admin implies agent and writer, as {@link StaffRole#effective}). */
    static Set<String> roles(Set<ApiKeyScope> scopes) {
        Set<StaffRole> assigned = scopes.stream().map(s -> s.role)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
        return StaffRole.effective(assigned).stream().map(StaffRole::name).collect(Collectors.toSet());
    }

    /** Parses the request's list; unknown or missing scopes are a 400 naming {@code scopes}. */
    public static Set<ApiKeyScope> parse(java.util.List<String> names) {
        if (names == null || names.isEmpty()) {
            throw InvalidInput.field("scopes", "must name at least one of agent, writer, admin");
        }
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        for (String name : names) {
            try {
                scopes.add(valueOf(name == null ? "" : name.trim().toUpperCase(Locale.ROOT)));
            }
            catch (IllegalArgumentException e) {
                throw InvalidInput.field("scopes", "contains '" + name + "'; allowed are agent, writer, admin");
            }
        }
        return scopes;
    }
}
