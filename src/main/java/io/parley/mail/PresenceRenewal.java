package io.parley.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.core.ParleyPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Keeps the presence lease ({@link CustomerPresence}) of every customer with a widget connection to this node alive.
 * The sessions are this node's own (from the connect and disconnect events, not the user registry, which in a cluster
 * also lists other nodes' users): a node that dies renews nothing, and its customers count as absent within
 * {@code parley.mail.presence-lease}.
 */
@Component
class PresenceRenewal {

    private static final Logger log = LoggerFactory.getLogger(PresenceRenewal.class);

    private final MailCapabilities capabilities;
    private final CustomerPresence presence;
    private final MailProperties properties;
    private final Clock clock;
    /** STOMP session id → customer id, for the customers connected to this node. */
    private final Map<String, UUID> sessions = new ConcurrentHashMap<>();
    private Repeating renewing;
    private int rounds;

    PresenceRenewal(MailCapabilities capabilities, CustomerPresence presence, MailProperties properties, Clock clock) {
        this.capabilities = capabilities;
        this.presence = presence;
        this.properties = properties;
        this.clock = clock;
    }

    /** Only a server that sends mail needs to know who is there. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (capabilities.sends()) {
            renewing = Repeating.every(period(), "customer-presence", this::renewSafely);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (renewing != null) {
            renewing.close();
        }
    }

    /** Renewed at once: a reply right after the widget connects must see the customer there. */
    @EventListener
    void on(SessionConnectedEvent event) {
        if (capabilities.sends() && event.getUser() instanceof ParleyPrincipal principal && principal.isCustomer()) {
            UUID customerId = UUID.fromString(principal.id());
            sessions.put(StompHeaderAccessor.wrap(event.getMessage()).getSessionId(), customerId);
            presence.renew(List.of(customerId), clock.instant().plus(properties.presenceLease()));
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        UUID customerId = sessions.remove(event.getSessionId());
        if (customerId != null && !sessions.containsValue(customerId)) {
            // not at once: a reload reconnects within the grace, and a node that still holds a session of theirs
            // renews before it ends (it renews every period, the grace is two)
            presence.endBy(customerId, clock.instant().plus(period().multipliedBy(2)));
        }
    }

    private Duration period() {
        return properties.presenceLease().dividedBy(4);
    }

    private void renewSafely() {
        try {
            presence.renew(sessions.values().stream().distinct().toList(), clock.instant().plus(properties.presenceLease()));
            if (rounds++ % 240 == 0) {
                presence.purgeLapsedBefore(clock.instant().minus(Duration.ofDays(1)));
            }
        }
        catch (RuntimeException e) {
            // the database away: the leases run on for a while, the next round tries again
            log.warn("Renewing customer presence failed: {}", e.toString());
        }
    }
}
