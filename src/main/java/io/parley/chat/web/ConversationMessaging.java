package io.parley.chat.web;

import java.security.Principal;
import java.util.UUID;

import io.parley.chat.Author;
import io.parley.chat.AuthorType;
import io.parley.chat.Conversations;
import io.parley.chat.PostMessage;
import io.parley.chat.PostResult;
import io.parley.core.ParleyException;
import io.parley.core.ParleyPrincipal;
import io.parley.core.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Customer commands over STOMP. A stored message is acknowledged on {@code /user/queue/acks} (to the sending
 * session only) and broadcast to the conversation topic; a refused one is answered on {@code /user/queue/errors}
 * without closing the connection, and nothing is stored.
 */
@Controller
class ConversationMessaging {

    private static final Logger log = LoggerFactory.getLogger(ConversationMessaging.class);

    private final Conversations conversations;
    private final JsonMapper json;

    ConversationMessaging(Conversations conversations, JsonMapper json) {
        this.conversations = conversations;
        this.json = json;
    }

    @MessageMapping("/conversations/{id}/messages")
    @SendToUser(destinations = "/queue/acks", broadcast = false)
    Ack send(@DestinationVariable UUID id, @Payload SendMessage body, Principal user) {
        ParleyPrincipal principal = (ParleyPrincipal) user;
        if (!principal.isCustomer()) {
            throw new StompDenied(403, "command_forbidden", "Staff reply with /app/conversations/{id}/reply");
        }
        PostResult result = conversations.post(new PostMessage(id,
                Author.customer(principal.id(), principal.displayName()), body.text(), null, body.clientMessageId()));
        return new Ack(id, body.clientMessageId(), result.message().id(), result.message().seq(), result.duplicate());
    }

    @MessageMapping("/conversations/{id}/typing")
    void typing(@DestinationVariable UUID id, @Payload Typing body, Principal user) {
        ParleyPrincipal principal = (ParleyPrincipal) user;
        Author author = principal.isCustomer() ? Author.customer(principal.id(), principal.displayName())
                : Author.agent(principal.id(), principal.displayName());
        conversations.typing(id, author, body.typing());
    }

    @MessageMapping("/conversations/{id}/read")
    void read(@DestinationVariable UUID id, @Payload Read body, Principal user) {
        ParleyPrincipal principal = (ParleyPrincipal) user;
        conversations.markRead(id, principal.isCustomer() ? AuthorType.CUSTOMER : AuthorType.AGENT, body.seq());
    }

    @MessageExceptionHandler
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    ErrorReply handle(Exception e, Message<?> message) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        String clientMessageId = clientMessageId(message.getPayload());
        if (e instanceof ParleyException known) {
            return new ErrorReply(known.code(), known.getMessage(), destination, clientMessageId, false);
        }
        if (Unavailable.is(e)) {
            // the database is away (or did not answer within the connection timeout): the client resends the same
            // clientMessageId from its outbox, and the resend lands once
            log.warn("STOMP command to {} refused as unavailable: {}", destination, e.toString());
            return new ErrorReply(Unavailable.CODE, Unavailable.REASON, destination, clientMessageId, true);
        }
        if (e instanceof MessageConversionException) {
            return new ErrorReply("malformed_payload", "The body must be JSON like {\"clientMessageId\": \"...\", \"text\": \"...\"}",
                    destination, clientMessageId, false);
        }
        log.error("Failed to handle a STOMP command to {}", destination, e);
        return new ErrorReply("internal_error", "The server could not handle this; nothing was stored", destination,
                clientMessageId, false);
    }

    private String clientMessageId(Object payload) {
        return clientMessageId(json, payload);
    }

    /** The clientMessageId of a raw JSON body, null when there is none or the body is not JSON. */
    static String clientMessageId(JsonMapper json, Object payload) {
        if (!(payload instanceof byte[] bytes)) {
            return null;
        }
        try {
            JsonNode node = json.readTree(bytes);
            JsonNode id = node == null ? null : node.get("clientMessageId");
            return id == null || !id.isString() ? null : id.asString();
        }
        catch (RuntimeException unparseable) {
            return null;
        }
    }

    /** Acknowledges a customer's message: stored with this seq (or stored before, when a resend). */
    record Ack(UUID conversationId, String clientMessageId, UUID messageId, long seq, boolean duplicate) {
    }

    /** @param retryable true when the same command (same clientMessageId) should be sent again later */
    record ErrorReply(String code, String reason, String destination, String clientMessageId, boolean retryable) {
    }

    record Typing(boolean typing) {
    }

    record Read(long seq) {
    }
}
