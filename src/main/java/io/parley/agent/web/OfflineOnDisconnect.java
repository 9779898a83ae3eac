package io.parley.agent.web;

import java.util.UUID;

import io.parley.agent.AgentPresence;
import io.parley.agent.AgentProperties;
import io.parley.core.ParleyPrincipal;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * An agent whose last connection closed cannot answer anyone: unless they reconnect within a few seconds, their
 * presence lease lapses and they stop getting conversations routed to them ({@link PresenceLeases} sweeps). (Going
 * online again after that is deliberate, through {@code PUT /api/agent/presence}.)
 */
@Component
class OfflineOnDisconnect {

    static final java.time.Duration DISCONNECT_GRACE = java.time.Duration.ofSeconds(10);

    private final AgentPresence presence;
    private final SimpUserRegistry users;
    private final AgentProperties properties;

    OfflineOnDisconnect(AgentPresence presence, SimpUserRegistry users, AgentProperties properties) {
        this.presence = presence;
        this.users = users;
        this.properties = properties;
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        if (!properties.offlineOnDisconnect() || !(event.getUser() instanceof ParleyPrincipal principal)
                || principal.isCustomer()) {
            return;
        }
        SimpUser user = users.getUser(principal.getName());
        boolean otherSessions = user != null && user.getSessions().stream()
                .anyMatch(s -> !s.getId().equals(event.getSessionId()));
        if (!otherSessions) {
            // not at once: a console reload reconnects within the grace and keeps the agent online with their
            // conversations; a closed console lets the lease lapse (offline, unanswered conversations routed again)
            presence.lapseWithin(UUID.fromString(principal.id()), DISCONNECT_GRACE.compareTo(properties.presenceLease()) < 0
                    ? DISCONNECT_GRACE : properties.presenceLease());
        }
    }
}
