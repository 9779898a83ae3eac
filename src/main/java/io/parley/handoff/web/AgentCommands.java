package io.parley.handoff.web;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import io.parley.chat.PostResult;
import io.parley.chat.StaffConversationCommands;
import io.parley.core.ParleyException;
import io.parley.core.ParleyPrincipal;
import io.parley.handoff.Handoffs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/**
 * Agents' conversation commands over STOMP. Results arrive as inbox events (and acks for replies); a refusal goes to
 * {@code /user/queue/errors} with its code, and the connection stays open.
 */
@Controller
class AgentCommands {

    private static final Logger log = LoggerFactory.getLogger(AgentCommands.class);

    private final Handoffs handoffs;
    private final Viewers viewers;

    AgentCommands(Handoffs handoffs, Viewers viewers) {
        this.handoffs = handoffs;
        this.viewers = viewers;
    }

    /** Tells chat's STOMP authorisation which conversation commands staff may send. */
    @Bean
    static StaffConversationCommands handoffStaffCommands() {
        return () -> Set.of("claim", "reply", "transfer", "resolve", "return-to-bot", "view", "typing", "read");
    }

    @MessageMapping("/conversations/{id}/claim")
    void claim(@DestinationVariable UUID id, Principal user) {
        handoffs.claim(id, (ParleyPrincipal) user);
    }

    @MessageMapping("/conversations/{id}/reply")
    @SendToUser(destinations = "/queue/acks", broadcast = false)
    ReplyAck reply(@DestinationVariable UUID id, @Payload ReplyBody body, Principal user) {
        PostResult result = handoffs.reply(id, (ParleyPrincipal) user, body.clientMessageId(), body.text());
        return new ReplyAck(id, body.clientMessageId(), result.message().id(), result.message().seq(), result.duplicate());
    }

    @MessageMapping("/conversations/{id}/transfer")
    void transfer(@DestinationVariable UUID id, @Payload TransferBody body, Principal user) {
        handoffs.transfer(id, (ParleyPrincipal) user, body.target(), body.teamId());
    }

    @MessageMapping("/conversations/{id}/resolve")
    void resolve(@DestinationVariable UUID id, Principal user) {
        handoffs.resolve(id, (ParleyPrincipal) user);
    }

    @MessageMapping("/conversations/{id}/return-to-bot")
    void returnToBot(@DestinationVariable UUID id, Principal user) {
        handoffs.returnToBot(id, (ParleyPrincipal) user);
    }

    @MessageMapping("/conversations/{id}/view")
    void view(@DestinationVariable UUID id, @Payload(required = false) ViewBody body, Principal user,
            SimpMessageHeaderAccessor headers) {
        viewers.view(id, headers.getSessionId(), (ParleyPrincipal) user, body == null || body.viewing() == null || body.viewing());
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    StaffCommandErrors handle(Exception e, Message<?> message) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (e instanceof ParleyException known) {
            return new StaffCommandErrors(known.code(), known.getMessage(), destination, null);
        }
        if (e instanceof MessageConversionException) {
            return new StaffCommandErrors("malformed_payload", "The body is not the JSON this command expects", destination, null);
        }
        log.error("Failed to handle a staff STOMP command to {}", destination, e);
        if (io.parley.core.Unavailable.is(e)) {
            // the database is away: the console resends the same command
            return new StaffCommandErrors(io.parley.core.Unavailable.CODE, io.parley.core.Unavailable.REASON, destination, null);
        }
        return new StaffCommandErrors("internal_error", "The server could not handle this; nothing changed", destination, null);
    }

    record ReplyBody(String clientMessageId, String text) {
    }

    record ReplyAck(UUID conversationId, String clientMessageId, UUID messageId, long seq, boolean duplicate) {
    }

    /** @param queue true: back to the queue (of {@code teamId} when given) instead of to {@code agentId} */
    record TransferBody(UUID agentId, Boolean queue, UUID teamId) {
        UUID target() {
            if (agentId == null && !Boolean.TRUE.equals(queue)) {
                throw io.parley.core.InvalidInput.field("agentId", "is required unless queue is true");
            }
            return Boolean.TRUE.equals(queue) ? null : agentId;
        }
    }

    record ViewBody(Boolean viewing) {
    }
}
