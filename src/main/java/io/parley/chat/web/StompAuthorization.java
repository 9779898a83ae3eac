package io.parley.chat.web;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.chat.Conversations;
import io.parley.chat.StaffConversationCommands;
import io.parley.core.ParleyException;
import io.parley.core.ParleyPrincipal;
import io.parley.core.TokenAuthenticator;
import io.parley.core.Unavailable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Checks every inbound STOMP frame: CONNECT must carry a valid bearer token; SUBSCRIBE and SEND may only name
 * destinations the principal is allowed to use. A refusal becomes a STOMP ERROR frame with the reason (sent from
 * here: with ordered receipt Spring would only log an exception thrown by an interceptor) and the frame is dropped.
 */
@Component
class StompAuthorization implements ChannelInterceptor {

    private static final Pattern CONVERSATION_TOPIC = Pattern.compile("/topic/conversations/([^/]+)");
    private static final Pattern STAFF_CONVERSATION_TOPIC = Pattern.compile("/topic/staff/conversations/([^/]+)");
    private static final Pattern CONVERSATION_COMMAND = Pattern.compile("/app/conversations/([^/]+)/([a-z-]+)");
    /**
     * What a client may write in a destination: no broker pattern characters ({@code * ? { } #}), so a subscription
     * names exactly one destination and cannot fan out to every conversation's topic.
     */
    private static final Pattern PLAIN_DESTINATION = Pattern.compile("(/[A-Za-z0-9_-]+)+");
    private static final Set<String> CUSTOMER_COMMANDS = Set.of("messages", "typing", "read");
    /** Per-session replies everyone gets; the inbox is for agents (and admins, who are agents too). */
    private static final Set<String> OWN_QUEUES = Set.of("/user/queue/acks", "/user/queue/errors");
    private static final String INBOX = "/user/queue/inbox";

    private final ObjectProvider<TokenAuthenticator> authenticators;
    private final Conversations conversations;
    private final ObjectProvider<StaffConversationCommands> staffCommands;

    private static final long ERROR_DELAY_MILLIS = 50;

    private final MessageChannel clientOutbound;
    private final ScheduledExecutorService errorSender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stomp-error-sender");
        thread.setDaemon(true);
        return thread;
    });

    private final StompSessions sessions;
    private final ObjectProvider<SimpMessageSendingOperations> messaging;
    private final JsonMapper json;

    StompAuthorization(ObjectProvider<TokenAuthenticator> authenticators, Conversations conversations,
            ObjectProvider<StaffConversationCommands> staffCommands, StompSessions sessions,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound,
            ObjectProvider<SimpMessageSendingOperations> messaging, JsonMapper json) {
        this.sessions = sessions;
        this.messaging = messaging;
        this.json = json;
        this.clientOutbound = clientOutbound;
        this.authenticators = authenticators;
        this.conversations = conversations;
        this.staffCommands = staffCommands;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        try {
            switch (command) {
                case CONNECT, STOMP -> accessor.setUser(authenticate(accessor));
                case SUBSCRIBE -> authorizeSubscribe(current(accessor), accessor.getDestination());
                case SEND -> authorizeSend(current(accessor), accessor.getDestination());
                default -> { }
            }
            return message;
        }
        catch (RuntimeException failure) {
            if (!(failure instanceof ParleyException) && !Unavailable.is(failure)) {
                throw failure;
            }
            if (command == StompCommand.SEND && !(failure instanceof ParleyException)
                    && accessor.getUser() != null && accessor.getSessionId() != null) {
                // the database is away while checking the sender: the frame is dropped (nothing stored) and the
                // sender gets the retryable `unavailable` on its error queue, the connection staying open for the resend
                sendUnavailable(accessor, message);
                return null;
            }
            ParleyException refused = failure instanceof ParleyException p ? p : null;
            @SuppressWarnings("unchecked")
            Message<byte[]> error = StompErrors.errorFrame((Message<byte[]>) message, refused != null ? refused : failure);
            StompHeaderAccessor errorHeaders = MessageHeaderAccessor.getAccessor(error, StompHeaderAccessor.class);
            errorHeaders.setSessionId(accessor.getSessionId());
            if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
                clientOutbound.send(error);
            }
            else {
                // Spring closes the socket right after writing an ERROR frame; a frame still being flushed to the same
                // session (the CONNECTED that just went out) would make that write land in a buffer the close then
                // discards. The refused frame is dropped now; its ERROR goes out a moment later.
                errorSender.schedule(() -> clientOutbound.send(error), ERROR_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
            return null;
        }
    }

    private void sendUnavailable(StompHeaderAccessor accessor, Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        // to the sending session only, like @SendToUser(broadcast = false)
        headers.setSessionId(accessor.getSessionId());
        headers.setLeaveMutable(true);
        messaging.getObject().convertAndSendToUser(accessor.getUser().getName(), "/queue/errors",
                new ConversationMessaging.ErrorReply(Unavailable.CODE, Unavailable.REASON, accessor.getDestination(),
                        ConversationMessaging.clientMessageId(json, message.getPayload()), true),
                headers.getMessageHeaders());
    }

    private ParleyPrincipal authenticate(StompHeaderAccessor accessor) {
        String header = Optional.ofNullable(accessor.getFirstNativeHeader("Authorization"))
                .or(() -> Optional.ofNullable(accessor.getFirstNativeHeader("authorization")))
                .orElseThrow(() -> new StompDenied(401, "unauthorized", "CONNECT needs an Authorization: Bearer <token> header"));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new StompDenied(401, "unauthorized", "The Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(7).trim();
        ParleyPrincipal principal = TokenAuthenticator.firstMatch(authenticators, token)
                .orElseThrow(() -> new StompDenied(401, "unauthorized", "The bearer token is invalid or has expired"));
        sessions.connected(accessor.getSessionId(), token, principal);
        return principal;
    }

    /** The session's principal, re-checked: a revoked or expired token does not keep the rights it had at CONNECT. */
    private ParleyPrincipal current(StompHeaderAccessor accessor) {
        principal(accessor.getUser());
        return sessions.current(accessor.getSessionId()).orElseThrow(() -> new StompDenied(401, "token_revoked",
                "Your sign-in has expired or was revoked; connect again with a new token"));
    }

    private static void requirePlain(String destination) {
        if (!PLAIN_DESTINATION.matcher(destination).matches()) {
            throw new StompDenied(400, "destination_invalid",
                    "A destination names one resource: letters, digits, '-', '_' and '/' only (no patterns)");
        }
    }

    private void authorizeSubscribe(ParleyPrincipal principal, String destination) {
        if (destination == null) {
            throw new StompDenied(400, "destination_missing", "SUBSCRIBE needs a destination");
        }
        requirePlain(destination);
        Matcher topic = CONVERSATION_TOPIC.matcher(destination);
        if (topic.matches()) {
            conversations.requireAccess(principal, conversationId(topic.group(1)));
            return;
        }
        if (OWN_QUEUES.contains(destination)) {
            return;
        }
        if (destination.equals(INBOX) && !principal.isCustomer() && principal.hasRole("AGENT")) {
            return;
        }
        // notes, viewers, ownership and the ticket of one conversation: for staff who may work that conversation
        Matcher staffTopic = STAFF_CONVERSATION_TOPIC.matcher(destination);
        if (staffTopic.matches() && !principal.isCustomer()) {
            conversations.requireAccess(principal, conversationId(staffTopic.group(1)));
            return;
        }
        throw new StompDenied(403, "destination_forbidden", "You may not subscribe to " + destination);
    }

    private void authorizeSend(ParleyPrincipal principal, String destination) {
        if (destination == null) {
            throw new StompDenied(400, "destination_missing", "SEND needs a destination");
        }
        requirePlain(destination);
        Matcher command = CONVERSATION_COMMAND.matcher(destination);
        if (!command.matches()) {
            throw new StompDenied(403, "destination_forbidden", "You may not send to " + destination);
        }
        conversations.requireAccess(principal, conversationId(command.group(1)));
        String action = command.group(2);
        boolean allowed = principal.isCustomer()
                ? CUSTOMER_COMMANDS.contains(action)
                : staffCommands.stream().anyMatch(s -> s.commands().contains(action));
        if (!allowed) {
            throw new StompDenied(403, "command_forbidden", "You may not send '" + action + "' to a conversation");
        }
    }

    private static ParleyPrincipal principal(Principal user) {
        if (user instanceof ParleyPrincipal principal) {
            return principal;
        }
        throw new StompDenied(401, "unauthorized", "Not connected: send CONNECT with a bearer token first");
    }

    private static UUID conversationId(String raw) {
        try {
            return UUID.fromString(raw);
        }
        catch (IllegalArgumentException e) {
            throw new StompDenied(404, "conversation_not_found", "Unknown conversation " + raw);
        }
    }
}
