package io.parley.agent.web;

import java.util.UUID;

import io.parley.agent.AgentPresence;
import io.parley.agent.AgentStatus;
import io.parley.agent.Presence;
import io.parley.core.ParleyPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An agent's own presence; capacities are set by admins (the staff URL rule admits ADMIN only). */
@RestController
class PresenceController {

    private final AgentPresence presence;

    PresenceController(AgentPresence presence) {
        this.presence = presence;
    }

    @GetMapping("/api/agent/presence")
    PresenceView mine(@AuthenticationPrincipal ParleyPrincipal principal) {
        return PresenceView.of(presence.status(UUID.fromString(principal.id())));
    }

    @PutMapping("/api/agent/presence")
    PresenceView set(@AuthenticationPrincipal ParleyPrincipal principal, @RequestBody PresenceRequest request) {
        return PresenceView.of(presence.setPresence(UUID.fromString(principal.id()), Presence.parse(request.presence())));
    }

    @PutMapping("/api/agent/staff/{id}/capacity")
    PresenceView capacity(@PathVariable UUID id, @RequestBody CapacityRequest request) {
        if (request.capacity() == null) {
            throw io.parley.core.InvalidInput.field("capacity", "is required");
        }
        return PresenceView.of(presence.setCapacity(id, request.capacity()));
    }

    record PresenceRequest(String presence) {
    }

    record CapacityRequest(Integer capacity) {
    }

    record PresenceView(UUID staffId, Presence presence, int capacity) {
        static PresenceView of(AgentStatus status) {
            return new PresenceView(status.staffId(), status.presence(), status.capacity());
        }
    }
}
