package io.parley.support;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP-over-WebSocket client (Spring's {@link WebSocketStompClient}) that records everything it receives,
 * so tests can wait for frames and assert on them.
 */
public final class StompTestClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(5);

    private final WebSocketStompClient client;
    private final Map<String, BlockingQueue<Map<String, Object>>> received = new java.util.concurrent.ConcurrentHashMap<>();
    private final BlockingQueue<Map<String, Object>> errors = new LinkedBlockingQueue<>();
    /** Every frame received per destination, consumed or not, for assertions that must not depend on arrival order. */
    private final Map<String, List<Map<String, Object>>> history = new java.util.concurrent.ConcurrentHashMap<>();
    private final BlockingQueue<Throwable> transportErrors = new LinkedBlockingQueue<>();
    private StompSession session;

    private StompTestClient() {
        this.client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new CompositeMessageConverter(
                List.of(new JacksonJsonMessageConverter(), new StringMessageConverter())));
    }

    /** Connects with {@code Authorization: Bearer <token>}; a refused CONNECT shows up in {@link #awaitError()}. */
    public static StompTestClient connect(int port, String token) {
        StompTestClient test = new StompTestClient();
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        var future = test.client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect,
                test.new Handler());
        long deadline = System.nanoTime() + WAIT.toNanos();
        // a refused CONNECT never completes the future: stop waiting as soon as the ERROR frame is in
        while (System.nanoTime() < deadline && test.errors.isEmpty()) {
            try {
                test.session = future.get(50, TimeUnit.MILLISECONDS);
                break;
            }
            catch (java.util.concurrent.TimeoutException notYet) {
                // keep waiting
            }
            catch (Exception e) {
                test.transportErrors.add(e);
                break;
            }
        }
        return test;
    }

    public boolean connected() {
        return session != null && session.isConnected();
    }

    public StompTestClient subscribe(String destination) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                history.computeIfAbsent(destination, d -> new java.util.concurrent.CopyOnWriteArrayList<>()).add((Map<String, Object>) payload);
                queue(destination).add((Map<String, Object>) payload);
            }
        });
        return this;
    }

    /**
     * Subscribes to a conversation's topic and waits until the subscription is live: it sends a typing indicator
     * and waits for it to come back, so later messages from other clients cannot race past the SUBSCRIBE.
     */
    public StompTestClient subscribeToConversation(String conversationId) {
        String topic = "/topic/conversations/" + conversationId;
        subscribe(topic);
        // through a broker relay the SUBSCRIBE reaches the broker asynchronously: an indicator published before it
        // is live is not delivered, so it is sent again until one comes back (at most WAIT in all)
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            send("/app/conversations/" + conversationId + "/typing", Map.of("typing", false));
            try {
                Map<String, Object> echo = queue(topic).poll(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                if (echo != null && "typing".equals(echo.get("type"))) {
                    return this;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the subscription to " + topic + " never came live within " + WAIT
                        + "; ERROR frames: " + errors);
            }
        }
    }

    public void send(String destination, Object payload) {
        session.send(destination, payload);
    }

    /** Sends a raw text body, bypassing JSON conversion (for malformed payloads). */
    public void sendRaw(String destination, String body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Waits for the next frame on {@code destination} that matches; frames before it on that destination are skipped. */
    public Map<String, Object> await(String destination, Predicate<Map<String, Object>> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Map<String, Object> next = queue(destination).poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next != null && matching.test(next)) {
                    return next;
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("nothing matching arrived on " + destination + " within " + WAIT
                + "; ERROR frames: " + errors);
    }

    /**
     * Like {@link #await(String, Predicate)}, but also finds a matching frame that arrived earlier and was skipped
     * by another await: for frames whose order relative to others is not defined.
     */
    public Map<String, Object> awaitSeen(String destination, Predicate<Map<String, Object>> matching) {
        try {
            return Awaitility.await("a frame matching on " + destination).atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> history(destination).stream().filter(matching).findFirst(), java.util.Optional::isPresent)
                    .get();
        }
        catch (ConditionTimeoutException e) {
            throw new AssertionError("nothing matching arrived on " + destination + " within " + WAIT);
        }
    }

    public Map<String, Object> await(String destination) {
        return await(destination, payload -> true);
    }

    /**
     * Waits for a frame matching {@code fence} on {@code destination} and returns every frame received there before
     * it (consumed by an earlier await or not). To show that something did NOT arrive, make the test cause a later
     * frame that the server can only send after the unwanted one would have been sent (the same conversation's
     * next message, say), and assert on what came before it: absence proven by an event, not by a pause.
     */
    public List<Map<String, Object>> framesBefore(String destination, Predicate<Map<String, Object>> fence) {
        Map<String, Object> marker = await(destination, fence);
        List<Map<String, Object>> seen = history(destination);
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) == marker) {
                return List.copyOf(seen.subList(0, i));
            }
        }
        throw new IllegalStateException("the fence frame is missing from the history of " + destination);
    }

    /** Every frame received on {@code destination} so far, in arrival order. */
    public List<Map<String, Object>> history(String destination) {
        return List.copyOf(history.getOrDefault(destination, List.of()));
    }

    /** Waits for a STOMP ERROR frame; returns its headers ({@code message}, {@code code}) and body fields. */
    public Map<String, Object> awaitError() {
        try {
            Map<String, Object> error = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (error == null) {
                throw new AssertionError("no ERROR frame within " + WAIT + "; transport errors: " + transportErrors);
            }
            return error;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean awaitDisconnect() {
        try {
            Awaitility.await("the server closes the connection").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> !connected());
            return true;
        }
        catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (connected()) {
            try {
                session.disconnect();
            }
            catch (RuntimeException alreadyClosedByServer) {
                // the server closes the socket after an ERROR frame; nothing left to disconnect
            }
        }
        client.stop();
    }

    private final class Handler extends StompSessionHandlerAdapter {
        @Override
        public Type getPayloadType(StompHeaders headers) {
            return Map.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void handleFrame(StompHeaders headers, Object payload) {
            Map<String, Object> error = new java.util.HashMap<>();
            if (payload instanceof Map<?, ?> body) {
                error.putAll((Map<String, Object>) body);
            }
            error.put("message", headers.getFirst("message"));
            error.put("codeHeader", headers.getFirst("code"));
            errors.add(error);
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                Throwable exception) {
            transportErrors.add(exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            transportErrors.add(exception);
        }
    }

    private BlockingQueue<Map<String, Object>> queue(String destination) {
        return received.computeIfAbsent(destination, d -> new LinkedBlockingQueue<>());
    }
}
