package io.parley.limits;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.core.ParleyPrincipal;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Rate limits on STOMP: customer messages by customer and address (PostgreSQL buckets, across nodes), typing
 * indicators per connection in memory (no database work for a typing frame). A frame over the limit is dropped and
 * answered on the sender's {@code /user/queue/errors} with code {@code rate_limited} and the seconds to wait; the
 * connection stays open (an ERROR frame would close it).
 */
@Configuration(proxyBeanMethods = false)
class StompRateLimits implements WebSocketMessageBrokerConfigurer, ChannelInterceptor {

    private static final Pattern COMMAND = Pattern.compile("/app/conversations/[^/]+/(messages|typing)");

    private final RateLimits limits;
    private final LimitsProperties properties;
    private final SimpMessageSendingOperations messaging;
    /** session id → typing bucket; dropped when the session ends */
    private final Map<String, LocalBucket> typing = new ConcurrentHashMap<>();

    StompRateLimits(RateLimits limits, LimitsProperties properties, @Lazy SimpMessageSendingOperations messaging) {
        this.limits = limits;
        this.properties = properties;
        this.messaging = messaging;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(this);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        if (accessor.getCommand() == StompCommand.DISCONNECT) {
            typing.remove(accessor.getSessionId());
            return message;
        }
        if (accessor.getCommand() != StompCommand.SEND || !properties.enabled()
                || !(accessor.getUser() instanceof ParleyPrincipal principal)) {
            return message;
        }
        Matcher command = COMMAND.matcher(String.valueOf(accessor.getDestination()));
        if (!command.matches()) {
            return message;
        }
        Optional<Duration> wait = "typing".equals(command.group(1)) ? takeTyping(accessor.getSessionId())
                : principal.isCustomer() ? limits.take(RateLimits.Action.MESSAGE, address(accessor), principal.id())
                : Optional.empty();
        if (wait.isEmpty()) {
            return message;
        }
        refuse(accessor, principal, wait.get());
        return null;
    }

    /** Also when the socket just drops (no DISCONNECT frame): an idle widget leaves nothing behind. */
    @EventListener
    void on(SessionDisconnectEvent disconnected) {
        typing.remove(disconnected.getSessionId());
    }

    int typingBuckets() {
        return typing.size();
    }

    private Optional<Duration> takeTyping(String sessionId) {
        LimitsProperties.Limit limit = properties.typing();
        if (limit.perCustomer() <= 0 || sessionId == null) {
            return Optional.empty();
        }
        return typing.computeIfAbsent(sessionId, id -> new LocalBucket(limit.perCustomer(), limit.period())).take();
    }

    private void refuse(StompHeaderAccessor accessor, Principal user, Duration wait) {
        long seconds = RateLimits.retryAfterSeconds(wait);
        RateLimited body = new RateLimited("rate_limited", "Too many of these; try again in " + seconds
                + " s (nothing was stored)", accessor.getDestination(), seconds);
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(accessor.getSessionId());
        headers.setLeaveMutable(true);
        // to the sending session only, like the other command errors
        messaging.convertAndSendToUser(user.getName(), "/queue/errors", body, headers.getMessageHeaders());
    }

    /** What the sender reads on {@code /user/queue/errors}, in the shape of the other command errors. */
    record RateLimited(String code, String reason, String destination, long retryAfterSeconds) {
    }

    /** The address the WebSocket handshake came from, recorded by {@link RemoteAddressHandshake}. */
    private static String address(StompHeaderAccessor accessor) {
        Map<String, Object> attributes = accessor.getSessionAttributes();
        return attributes == null ? null : (String) attributes.get(RemoteAddressHandshake.ATTRIBUTE);
    }

    /** A token bucket for one connection, in memory. */
    static final class LocalBucket {
        private final int capacity;
        private final double perNano;
        private double tokens;
        private long updated = System.nanoTime();

        LocalBucket(int capacity, Duration period) {
            this.capacity = capacity;
            this.perNano = capacity / (double) period.toNanos();
            this.tokens = capacity;
        }

        synchronized Optional<Duration> take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
