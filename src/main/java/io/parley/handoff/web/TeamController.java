package io.parley.handoff.web;

import java.util.List;
import java.util.UUID;

import io.parley.core.ParleyPrincipal;
import io.parley.handoff.Team;
import io.parley.handoff.Teams;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Teams and their business hours: agents read them, admins change them. */
@RestController
@RequestMapping("/api/agent/teams")
class TeamController {

    private final Teams teams;

    TeamController(Teams teams) {
        this.teams = teams;
    }

    @GetMapping
    List<Team> list() {
        return teams.list();
    }

    @GetMapping("/{id}")
    Team get(@PathVariable UUID id) {
        return teams.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Team create(@RequestBody Team team, @AuthenticationPrincipal ParleyPrincipal me) {
        requireAdmin(me);
        return teams.save(null, team);
    }

    @PutMapping("/{id}")
    Team update(@PathVariable UUID id, @RequestBody Team team, @AuthenticationPrincipal ParleyPrincipal me) {
        requireAdmin(me);
        return teams.save(id, team);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, @AuthenticationPrincipal ParleyPrincipal me) {
        requireAdmin(me);
        teams.delete(id);
    }

    private static void requireAdmin(ParleyPrincipal me) {
        if (!me.hasRole("ADMIN")) {
            throw new AccessDeniedException("Only admins manage teams");
        }
    }
}
