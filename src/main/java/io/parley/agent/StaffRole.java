package io.parley.agent;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a staff member may do. {@link #ADMIN} implies the other two, so an admin never needs them assigned
 * separately; only assigned roles are stored, implied ones are worked out on every authentication.
 */
public enum StaffRole {

    /** Works conversations in the agent console. */
    AGENT,
    /** Edits help articles. */
    WRITER,
    /** Manages staff accounts; may do everything agents and writers do. */
    ADMIN;

    /** The assigned roles plus the ones they imply. */
    public static Set<StaffRole> effective(Set<StaffRole> assigned) {
        EnumSet<StaffRole> roles = assigned.isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(assigned);
        if (roles.contains(ADMIN)) {
            roles.addAll(EnumSet.allOf(StaffRole.class));
        }
        return roles;
    }
}
