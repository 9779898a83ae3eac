package io.parley.agent.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.parley.agent.AgentPresence;
import io.parley.agent.AgentProperties;
import io.parley.core.ParleyPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

/**
 * Keeps the presence lease of every agent connected to this node alive, and lets the leases nobody renews lapse.
 * A node that dies renews nothing, so its agents go offline within {@code parley.agent.presence-lease} wherever the
 * sweep runs; the state is in PostgreSQL, never in one JVM.
 */
@Component
class PresenceLeases {

    private static final Logger log = LoggerFactory.getLogger(PresenceLeases.class);

    private final AgentPresence presence;
    private final SimpUserRegistry users;
    private final AgentProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    PresenceLeases(AgentPresence presence, SimpUserRegistry users, AgentProperties properties) {
        this.presence = presence;
        this.users = users;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("presence-lease-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        Duration period = properties.presenceLease().dividedBy(4);
        scheduler.scheduleWithFixedDelay(this::renewAndSweep, period);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    /** A (re)connected console renews at once: a page reload keeps the agent online and their conversations. */
    @EventListener
    void on(SessionConnectedEvent event) {
        if (event.getUser() instanceof ParleyPrincipal principal && !principal.isCustomer()) {
            presence.renewLeases(List.of(UUID.fromString(principal.id())));
        }
    }

    void renewAndSweep() {
        try {
            List<UUID> connected = users.getUsers().stream().filter(u -> u.hasSessions())
                    .map(u -> u.getPrincipal()).filter(p -> p instanceof ParleyPrincipal staff && !staff.isCustomer())
                    .map(p -> UUID.fromString(((ParleyPrincipal) p).id())).distinct().toList();
            presence.renewLeases(connected);
            List<UUID> lapsed = presence.expireLapsedLeases();
            if (!lapsed.isEmpty()) {
                log.info("Presence lapsed for {} agent(s) with no live connection: {}", lapsed.size(), lapsed);
            }
        }
        catch (RuntimeException e) {
            // the database may be away; the next round tries again
            log.warn("Renewing presence leases failed: {}", e.toString());
        }
    }
}
