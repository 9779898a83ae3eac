package io.parley.ticket.web;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.agent.StaffAccounts;
import io.parley.chat.StaffConversationCommands;
import io.parley.core.ParleyException;
import io.parley.core.ParleyPrincipal;
import io.parley.customer.Customers;
import io.parley.ticket.Ticket;
import io.parley.ticket.TicketNoteAdded;
import io.parley.ticket.TicketUpdated;
import io.parley.ticket.Tickets;

import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The {@code note} command over STOMP, and ticket changes pushed to the conversation's staff topic (and the
 * assignee's inbox), after commit.
 */
@Controller
class TicketMessaging {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TicketMessaging.class);

    private static final String STAFF_TOPIC = "/topic/staff/conversations/";

    private final Tickets tickets;
    private final SimpMessagingTemplate messaging;
    private final Customers customers;
    private final StaffAccounts staff;

    TicketMessaging(Tickets tickets, SimpMessagingTemplate messaging, Customers customers, StaffAccounts staff) {
        this.tickets = tickets;
        this.messaging = messaging;
        this.customers = customers;
        this.staff = staff;
    }

    @Bean
    static StaffConversationCommands ticketStaffCommands() {
        return () -> Set.of("note");
    }

    @MessageMapping("/conversations/{id}/note")
    void note(@DestinationVariable UUID id, @Payload NoteBody body, Principal user) {
        tickets.addNoteToConversation(id, (ParleyPrincipal) user, body.text());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketNoteAdded event) {
        messaging.convertAndSend(STAFF_TOPIC + event.note().conversationId(),
                (Object) Map.of("type", "note", "conversationId", event.note().conversationId(), "note", event.note()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketUpdated event) {
        Ticket ticket = tickets.get(event.ticketId());
        TicketView view = TicketView.of(ticket, customers, staff);
        Map<String, Object> payload = Map.of("type", "ticket", "conversationId", event.conversationId(), "ticket", view,
                "change", event.what());
        messaging.convertAndSend(STAFF_TOPIC + event.conversationId(), (Object) payload);
        if (ticket.assigneeId() != null && !"ownership".equals(event.what())) {
            messaging.convertAndSendToUser("staff:" + ticket.assigneeId(), "/queue/inbox", (Object) payload);
        }
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    Map<String, Object> handle(Exception e, Message<?> message) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        String where = destination == null ? "" : destination;
        if (e instanceof ParleyException known) {
            return Map.of("code", known.code(), "reason", known.getMessage(), "destination", where);
        }
        if (e instanceof org.springframework.messaging.converter.MessageConversionException) {
            return Map.of("code", "malformed_payload", "reason", "The body must be JSON like {\"text\": \"...\"}",
                    "destination", where);
        }
        // anything else is ours, not the client's: say so and keep the cause in the log
        log.error("Failed to handle a staff STOMP command to {}", where, e);
        return Map.of("code", "internal_error", "reason", "The server could not handle this; nothing changed",
                "destination", where);
    }

    record NoteBody(String text) {
    }
}
