package io.parley.agent;

import java.util.Set;

/**
 * Changes an admin makes to a staff account; every null field stays as it is.
 *
 * @param password a new password (a reset by the admin)
 */
public record StaffChanges(String name, Set<StaffRole> roles, Boolean active, String password) {
}
