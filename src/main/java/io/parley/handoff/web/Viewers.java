package io.parley.handoff.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.core.ParleyPrincipal;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Collision hint: which staff are looking at a conversation, by STOMP session (a {@code view} command, or a
 * subscription to the conversation's staff topic). In memory, per node; a closed connection stops viewing.
 */
@Component
class Viewers {

    static final String STAFF_TOPIC = "/topic/staff/conversations/";

    private final SimpMessagingTemplate messaging;
    /** conversation → session id → viewer */
    private final Map<UUID, Map<String, ConversationItems.Person>> viewing = new ConcurrentHashMap<>();
    /** session id + subscription id → conversation, to end viewing on UNSUBSCRIBE */
    private final Map<String, UUID> subscriptions = new ConcurrentHashMap<>();

    Viewers(SimpMessagingTemplate messaging) {
        this.messaging = messaging;
    }

    List<ConversationItems.Person> of(UUID conversationId) {
        return viewing.getOrDefault(conversationId, Map.of()).values().stream().distinct()
                .sorted(java.util.Comparator.comparing(p -> String.valueOf(p.name()))).toList();
    }

    void view(UUID conversationId, String sessionId, ParleyPrincipal principal, boolean on) {
        Map<String, ConversationItems.Person> sessions = viewing.computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>());
        boolean changed = on
                ? sessions.put(sessionId, new ConversationItems.Person(UUID.fromString(principal.id()), principal.displayName())) == null
                : sessions.remove(sessionId) != null;
        if (changed) {
            broadcast(conversationId);
        }
    }

    @EventListener
    void on(SessionSubscribeEvent event) {
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(event.getMessage());
        String destination = headers.getDestination();
        if (destination == null || !destination.startsWith(STAFF_TOPIC) || !(event.getUser() instanceof ParleyPrincipal p) || p.isCustomer()) {
            return;
        }
        try {
            UUID conversationId = UUID.fromString(destination.substring(STAFF_TOPIC.length()));
            subscriptions.put(headers.getSessionId() + "/" + headers.getSubscriptionId(), conversationId);
            view(conversationId, headers.getSessionId(), p, true);
        }
        catch (IllegalArgumentException notAConversation) {
            // nothing to track
        }
    }

    @EventListener
    void on(SessionUnsubscribeEvent event) {
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(event.getMessage());
        UUID conversationId = subscriptions.remove(headers.getSessionId() + "/" + headers.getSubscriptionId());
        if (conversationId != null && event.getUser() instanceof ParleyPrincipal p) {
            view(conversationId, headers.getSessionId(), p, false);
        }
    }

    @EventListener
    void on(SessionDisconnectEvent event) {
        String sessionId = event.getSessionId();
        subscriptions.keySet().removeIf(key -> key.startsWith(sessionId + "/"));
        viewing.forEach((conversationId, sessions) -> {
            if (sessions.remove(sessionId) != null) {
                broadcast(conversationId);
            }
        });
    }

    private void broadcast(UUID conversationId) {
        messaging.convertAndSend(STAFF_TOPIC + conversationId, new ViewersChanged(conversationId, of(conversationId)));
    }

    /** The frame staff watching a conversation get when someone opens or leaves it ({@code type: "viewers"}). */
    record ViewersChanged(String type, UUID conversationId, List<ConversationItems.Person> viewers) {

        ViewersChanged(UUID conversationId, List<ConversationItems.Person> viewers) {
            this("viewers", conversationId, viewers);
        }
    }
}
