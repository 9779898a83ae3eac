package io.parley.handoff;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.parley.agent.AgentPresence;
import io.parley.agent.AgentStatus;

import org.springframework.stereotype.Component;

/** Picks the least-loaded online agent with free capacity, from the team when the team has members. */
@Component
class Routing {

    private final HandoffRepository repository;
    private final AgentPresence presence;

    Routing(HandoffRepository repository, AgentPresence presence) {
        this.repository = repository;
        this.presence = presence;
    }

    /** Call inside the assigning transaction: the choice and the assignment must not interleave with another's. */
    Optional<AgentStatus> pick(Optional<Team> team, UUID excluded) {
        repository.lockRouting();
        Map<UUID, Integer> load = repository.load();
        return presence.online().stream()
                .filter(a -> !a.staffId().equals(excluded))
                .filter(a -> team.map(t -> t.memberIds().isEmpty() || t.memberIds().contains(a.staffId())).orElse(true))
                .filter(a -> load.getOrDefault(a.staffId(), 0) < a.capacity())
                .min(Comparator.<AgentStatus>comparingInt(a -> load.getOrDefault(a.staffId(), 0))
                        .thenComparing(a -> a.staffId().toString()));
    }
}
