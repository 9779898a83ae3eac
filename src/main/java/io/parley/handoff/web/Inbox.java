package io.parley.handoff.web;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.agent.StaffAccounts;
import io.parley.agent.StaffMember;
import io.parley.agent.StaffRole;
import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.ChatMessage;
import io.parley.chat.ConversationState;
import io.parley.chat.ConversationStateChanged;
import io.parley.chat.MessagePosted;
import io.parley.chat.TypingChanged;
import io.parley.core.ParleyPrincipal;
import io.parley.handoff.ConversationRated;
import io.parley.handoff.Handoff;
import io.parley.handoff.Handoffs;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells agents what happened, after commit: {@code /user/queue/inbox} events (queued, assigned, claimed, message,
 * typing, resolved, ...), the staff topic of the conversation, and the customer's topic (a {@code status} event with
 * the state and the agent's name).
 */
@Component
class Inbox {

    static final String INBOX = "/queue/inbox";

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;
    private final ConversationItems items;
    private final Handoffs handoffs;
    private final StaffAccounts staff;

    Inbox(SimpMessagingTemplate messaging, SimpUserRegistry users, ConversationItems items, Handoffs handoffs,
            StaffAccounts staff) {
        this.messaging = messaging;
        this.users = users;
        this.items = items;
        this.handoffs = handoffs;
        this.staff = staff;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationStateChanged event) {
        // the agent who lost it hears first, then everyone the news (the order the console expects)
        if (event.unassigned() && event.to() != ConversationState.RESOLVED) {
            toAgent(event.previousAssignee(), InboxEvent.of("unassigned", items.item(event.conversationId())));
        }
        ConversationItems.Item item = items.item(event.conversationId());
        ConversationItems.Person by = items.person(event.actorId());
        switch (event.to()) {
            case QUEUED -> toAgents(InboxEvent.of("queued", item), a -> true);
            case ASSIGNED -> {
                toAgent(event.assignee(), InboxEvent.of("assigned", item).by(by));
                toAgents(InboxEvent.of("claimed", item), a -> !a.equals(event.assignee()));
            }
            case RESOLVED -> toAgents(InboxEvent.of("resolved", item).byBot(false), a -> true);
            case BOT -> toAgents(InboxEvent.of("returned_to_bot", item), a -> true);
            default -> { }
        }
        messaging.convertAndSend(Viewers.STAFF_TOPIC + event.conversationId(), InboxEvent.of("ownership", item));
        ConversationItems.Person agent = item.agent();
        messaging.convertAndSend("/topic/conversations/" + event.conversationId(), new Status("status", event.conversationId(),
                event.to().responder().json(), event.to(), agent == null ? null : agent.name()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessagePosted event) {
        if (event.message().author().type() != AuthorType.CUSTOMER) {
            return;
        }
        Handoff handoff = handoffs.find(event.conversationId()).orElse(null);
        if (handoff == null) {
            return;
        }
        InboxEvent message = new InboxEvent("message", event.conversationId(), null, null, event.message(), null, null, null, null);
        if (handoff.state() == ConversationState.ASSIGNED) {
            toAgent(handoff.agentId(), message);
        }
        else if (handoff.state() == ConversationState.QUEUED) {
            toAgents(message, a -> true);
        }
    }

    @EventListener
    void on(TypingChanged event) {
        if (event.author().type() != AuthorType.CUSTOMER) {
            return;
        }
        handoffs.find(event.conversationId()).filter(h -> h.state() == ConversationState.ASSIGNED).ifPresent(h -> toAgent(h.agentId(),
                new InboxEvent("typing", event.conversationId(), null, null, null, event.typing(), event.author(), null, null)));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConversationRated event) {
        if (event.agentId() != null) {
            toAgent(event.agentId(), new InboxEvent("rated", event.conversationId(), null, null, null, null, null, null,
                    new RatedView(event.score(), event.comment() == null ? "" : event.comment())));
        }
    }

    /** To one agent's inbox (every session of theirs). */
    void toAgent(UUID agentId, Object event) {
        if (agentId != null) {
            messaging.convertAndSendToUser("staff:" + agentId, INBOX, event);
        }
    }

    /** To every connected agent matching the filter. */
    void toAgents(Object event, Predicate<UUID> which) {
        for (SimpUser user : users.getUsers()) {
            if (user.getPrincipal() instanceof ParleyPrincipal p && !p.isCustomer() && p.hasRole("AGENT")
                    && which.test(UUID.fromString(p.id()))) {
                messaging.convertAndSendToUser(user.getName(), INBOX, event);
            }
            else if (user.getPrincipal() == null && remoteAgent(user.getName()).filter(which).isPresent()) {
                // connected to another node: the user registry broadcast carries names only, the relay delivers
                messaging.convertAndSendToUser(user.getName(), INBOX, event);
            }
        }
    }

    /** The agent behind a user name {@code staff:<id>} seen on another node, when that staff member is an agent. */
    private Optional<UUID> remoteAgent(String name) {
        if (name == null || !name.startsWith("staff:")) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(name.substring("staff:".length()));
            return staff.findById(id).filter(m -> m.active() && StaffRole.effective(m.roles()).contains(StaffRole.AGENT))
                    .map(StaffMember::id);
        }
        catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** The customer topic's status event, with the ownership state and the agent's name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String type, UUID conversationId, String responder, ConversationState state, String agentName) {
    }

    /** @param comment empty without one (the console shows it as is) */
    record RatedView(int score, String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InboxEvent(String type, UUID conversationId, ConversationItems.Item conversation, ConversationItems.Person by,
            ChatMessage message, Boolean typing, Author author, Boolean byBot, RatedView rating) {

        static InboxEvent of(String type, ConversationItems.Item item) {
            return new InboxEvent(type, item.conversationId(), item, null, null, null, null, null, null);
        }

        InboxEvent by(ConversationItems.Person who) {
            return new InboxEvent(type, conversationId, conversation, who, message, typing, author, byBot, rating);
        }

        InboxEvent byBot(boolean bot) {
            return new InboxEvent(type, conversationId, conversation, by, message, typing, author, bot, rating);
        }
    }
}
