package io.parley.agent;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A staff account as other modules and the API see it (never with its password hash).
 *
 * @param roles the assigned roles; {@link #grantedRoles()} adds the implied ones
 * @param active false once deactivated: no login, and tokens already issued stop working
 */
public record StaffMember(UUID id, String email, String name, Set<StaffRole> roles, boolean active, Instant createdAt,
        Instant updatedAt) {

    public StaffMember {
        roles = Set.copyOf(roles);
    }

    public Set<StaffRole> grantedRoles() {
        return StaffRole.effective(roles);
    }

    public boolean isAdmin() {
        return roles.contains(StaffRole.ADMIN);
    }
}
