package io.parley.agent;

import java.util.Set;

/** What an admin gives to create a staff account. */
public record NewStaffMember(String email, String name, String password, Set<StaffRole> roles) {
}
