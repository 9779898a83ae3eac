package io.parley.ticket.web;

import java.security.Principal;
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
                new NoteFrame("note", event.note().conversationId(), event.note()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TicketUpdated event) {
        Ticket ticket = tickets.get(event.ticketId());
        TicketView view = TicketView.of(ticket, customers, staff);
        TicketFrame payload = new TicketFrame("ticket", event.conversationId(), view, event.what());
        messaging.convertAndSend(STAFF_TOPIC + event.conversationId(), payload);
        if (ticket.assigneeId() != null && !"ownership".equals(event.what())) {
            messaging.convertAndSendToUser("staff:" + ticket.assigneeId(), "/queue/inbox", payload);
        }
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    CommandError handle(Exception e, Message<?> message) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        String where = destination == null ? "" : destination;
        if (e instanceof ParleyException known) {
            return new CommandError(known.code(), known.getMessage(), where);
        }
        if (e instanceof org.springframework.messaging.converter.MessageConversionException) {
            return new CommandError("malformed_payload", "The body must be JSON like {\"text\": \"...\"}", where);
        }
        // anything else is ours, not the client's: say so and keep the cause in the log
        log.error("Failed to handle a staff STOMP command to {}", where, e);
        return new CommandError("internal_error", "The server could not handle this; nothing changed", where);
    }

    record NoteBody(String text) {
    }

    record NoteFrame(String type, java.util.UUID conversationId, io.parley.ticket.TicketNote note) {
    }

    /** @param change what changed: updated, summary, ownership, ... */
    record TicketFrame(String type, java.util.UUID conversationId, TicketView ticket, String change) {
    }

    /** @param destination where the refused command was sent */
    record CommandError(String code, String reason, String destination) {
    }
}
