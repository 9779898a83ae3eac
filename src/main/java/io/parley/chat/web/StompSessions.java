package io.parley.chat.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.parley.core.AccessRevoked;
import io.parley.core.DatabaseCircuit;
import io.parley.core.ParleyPrincipal;
import io.parley.core.TokenAuthenticator;
import io.parley.core.Unavailable;
import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * The token behind every open STOMP session, re-checked so that a socket never outlives its rights: on every
 * inbound frame and every outbound MESSAGE (cached for {@value #RECHECK_MILLIS} ms), by a sweep every
 * {@value #SWEEP_SECONDS} s (which is how another node's logout or deactivation reaches this node's sockets), and
 * at once when this node hears {@link AccessRevoked}. A session whose token no longer holds gets an ERROR frame
 * with code {@code token_revoked}, and Spring closes it.
 */
@Component
class StompSessions implements ChannelInterceptor {

    static final long RECHECK_MILLIS = 2_000;
    static final long SWEEP_SECONDS = 5;
    /**
     * A customer's token only ends by expiry or erasure (there is no customer logout), so the sweep re-reads a
     * customer session at most this often, and at most {@value #CUSTOMER_RECHECKS_PER_SWEEP} of them per pass: one
     * database read per idle widget every five seconds was 3,800 reads a second at 19,000 connections. Staff
     * sessions (logout, deactivation and role changes on another node) are re-read on every pass; any frame to or
     * from a customer still re-checks after {@value #RECHECK_MILLIS} ms.
     */
    static final long CUSTOMER_SWEEP_MILLIS = 60_000;
    static final int CUSTOMER_RECHECKS_PER_SWEEP = 250;

    private final ObjectProvider<TokenAuthenticator> authenticators;
    private final DatabaseCircuit database;
    private final MessageChannel clientOutbound;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Map<String, Live> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stomp-session-sweep");
        thread.setDaemon(true);
        return thread;
    });

    StompSessions(ObjectProvider<TokenAuthenticator> authenticators, DatabaseCircuit database,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, tools.jackson.databind.json.JsonMapper json) {
        this.authenticators = authenticators;
        this.database = database;
        this.json = json;
        this.clientOutbound = clientOutbound;
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    void connected(String sessionId, String token, ParleyPrincipal principal) {
        sessions.put(sessionId, new Live(token, principal, System.currentTimeMillis()));
    }

    /** @return the session's principal while its token still holds; empty (and the session is closed) otherwise */
    Optional<ParleyPrincipal> current(String sessionId) {
        Live live = sessions.get(sessionId);
        if (live == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        if (now - live.checkedAt < RECHECK_MILLIS) {
            return Optional.of(live.principal);
        }
        return recheck(sessionId, live, now);
    }

    /** Outbound: nothing reaches a session whose token was revoked or has expired. */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        // the broker's messages carry SimpMessageHeaderAccessor headers, not STOMP ones: read the generic headers
        org.springframework.messaging.MessageHeaders headers = message.getHeaders();
        String sessionId = org.springframework.messaging.simp.SimpMessageHeaderAccessor.getSessionId(headers);
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        boolean isMessage = accessor != null ? accessor.getCommand() == StompCommand.MESSAGE
                : org.springframework.messaging.simp.SimpMessageHeaderAccessor.getMessageType(headers)
                        == org.springframework.messaging.simp.SimpMessageType.MESSAGE;
        if (!isMessage || sessionId == null || !sessions.containsKey(sessionId)) {
            return message;
        }
        Optional<ParleyPrincipal> principal = current(sessionId);
        if (principal.isEmpty()) {
            return null;
        }
        return principal.get().isCustomer() ? forCustomer(message) : message;
    }

    /** The topic is shared with agents: what a customer receives loses staff ids and the bot's scores. */
    private Message<?> forCustomer(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] bytes) || bytes.length == 0 || bytes[0] != '{') {
            return message;
        }
        try {
            tools.jackson.databind.JsonNode tree = json.readTree(bytes);
            if (!CustomerRedaction.redact(tree)) {
                return message;
            }
            // a relayed message carries the broker's content-length of the original body: drop it with the body
            org.springframework.messaging.simp.SimpMessageHeaderAccessor headers =
                    org.springframework.messaging.simp.SimpMessageHeaderAccessor.wrap(message);
            headers.removeNativeHeader("content-length");
            return org.springframework.messaging.support.MessageBuilder.createMessage(json.writeValueAsBytes(tree),
                    headers.getMessageHeaders());
        }
        catch (RuntimeException notJson) {
            return message;
        }
    }

    @EventListener
    void on(AccessRevoked revoked) {
        sessions.forEach((sessionId, live) -> {
            if (live.principal.getName().equals(revoked.principalName())) {
                close(sessionId, revoked.reason());
            }
        });
    }

    @EventListener
    void on(SessionDisconnectEvent disconnected) {
        sessions.remove(disconnected.getSessionId());
    }

    int openSessions() {
        return sessions.size();
    }

    private void sweep() {
        sweep(System.currentTimeMillis());
    }

    void sweep(long now) {
        int[] customerBudget = { CUSTOMER_RECHECKS_PER_SWEEP };
        try {
            sessions.forEach((sessionId, live) -> {
                if (!live.principal.isCustomer()) {
                    recheck(sessionId, live, now);
                }
                else if (now - live.checkedAt >= CUSTOMER_SWEEP_MILLIS && customerBudget[0] > 0) {
                    // the ones just re-read are skipped next time, so the budget walks through all of them
                    customerBudget[0]--;
                    recheck(sessionId, live, now);
                }
            });
        }
        catch (RuntimeException e) {
            // a database hiccup must not stop future sweeps; the per-frame checks still run
        }
    }

    private Optional<ParleyPrincipal> recheck(String sessionId, Live live, long now) {
        if (database.isOpen()) {
            // nobody can be revoked while the database is away, and asking it would hold this frame for the
            // connection timeout: keep the session (its `unavailable` errors must reach it), check once it is back
            return Optional.of(live.principal);
        }
        Optional<ParleyPrincipal> principal;
        try {
            principal = TokenAuthenticator.firstMatch(authenticators, live.token)
                    .filter(p -> p.getName().equals(live.principal.getName()));
        }
        catch (RuntimeException e) {
            if (database.isOpen() || Unavailable.is(e)) {
                // the database went away (or is too busy) during this very check: as above, check again later
                return Optional.of(live.principal);
            }
            throw e;
        }
        if (principal.isEmpty()) {
            close(sessionId, "Your sign-in has expired or was revoked; connect again with a new token");
            return Optional.empty();
        }
        live.checkedAt = now;
        return Optional.of(live.principal);
    }

    private void close(String sessionId, String reason) {
        if (sessions.remove(sessionId) == null) {
            return;
        }
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setSessionId(sessionId);
        accessor.setMessage(reason);
        accessor.setNativeHeader("code", "token_revoked");
        accessor.setLeaveMutable(true);
        String body = "{\"code\":\"token_revoked\",\"reason\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        clientOutbound.send(MessageBuilder.createMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                accessor.getMessageHeaders()));
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    private static final class Live {

        final String token;
        final ParleyPrincipal principal;
        volatile long checkedAt;

        Live(String token, ParleyPrincipal principal, long checkedAt) {
            this.token = token;
            this.principal = principal;
            this.checkedAt = checkedAt;
        }
    }
}
