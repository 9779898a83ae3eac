package io.parley.agent.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.parley.agent.NewStaffMember;
import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffChanges;
import io.parley.agent.StaffRole;
import io.parley.core.InvalidInput;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff management for admins (the URL rule in SecurityConfiguration admits ADMIN only). */
@RestController
@RequestMapping("/api/agent/staff")
class StaffController {

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    List<StaffView> list() {
        return accounts.list().stream().map(StaffView::of).toList();
    }

    @GetMapping("/{id}")
    StaffView get(@PathVariable UUID id) {
        return StaffView.of(accounts.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffView create(@RequestBody CreateStaff request) {
        return StaffView.of(accounts.create(new NewStaffMember(request.email(), request.name(), request.password(),
                roles(request.roles()))));
    }

    @PutMapping("/{id}")
    StaffView update(@PathVariable UUID id, @RequestBody UpdateStaff request) {
        return StaffView.of(accounts.update(id, new StaffChanges(request.name(), roles(request.roles()),
                request.active(), request.password())));
    }

    /** Roles arrive as strings so an unknown one is a 400 naming {@code roles}, not an unreadable body. */
    private static Set<StaffRole> roles(List<String> names) {
        if (names == null) {
            return null;
        }
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String name : names) {
            try {
                roles.add(StaffRole.valueOf(name == null ? "" : name.trim().toUpperCase(Locale.ROOT)));
            }
            catch (IllegalArgumentException e) {
                throw InvalidInput.field("roles", "contains '" + name + "'; allowed are AGENT, WRITER, ADMIN");
            }
        }
        return roles;
    }

    record CreateStaff(String email, String name, String password, List<String> roles) {
    }

    /** Null fields stay as they are; {@code password} resets the password. */
    record UpdateStaff(String name, List<String> roles, Boolean active, String password) {
    }
}
