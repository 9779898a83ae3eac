package io.parley.agent.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.agent.StaffMember;
import io.parley.agent.StaffRole;

/**
 * A staff account in API responses.
 *
 * @param roles the assigned roles
 * @param grantedRoles the assigned roles plus the ones they imply (ADMIN grants AGENT and WRITER)
 */
record StaffView(UUID id, String email, String name, List<StaffRole> roles, List<StaffRole> grantedRoles,
        boolean active, Instant createdAt, Instant updatedAt) {

    static StaffView of(StaffMember m) {
        return new StaffView(m.id(), m.email(), m.name(), m.roles().stream().sorted().toList(),
                m.grantedRoles().stream().sorted().toList(), m.active(), m.createdAt(), m.updatedAt());
    }
}
