package io.parley.chat.web;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Lets the WebSocket container hand over a text message in parts, and joins them before STOMP sees them. The
 * container allocates a text and a binary buffer of the session's maximum message size for every connection, idle
 * or not (with the 64 KiB frame limit: 192 KiB per connection); with partial messages the buffers only need to be
 * as large as a part, and the rare message longer than one part is joined here, in memory held only while it
 * arrives. Whole messages reach STOMP as before, so a multi-byte character is never split between two parts.
 */
final class WholeTextMessages extends WebSocketHandlerDecorator {

    /** The container's per-connection buffers: one part of a message, in characters (text) and bytes (binary). */
    static final int PART_SIZE = 1024;

    private static final String PARTS = WholeTextMessages.class.getName() + ".parts";
    private static final String OVERSIZED = WholeTextMessages.class.getName() + ".oversized";

    private final int maxMessageChars;

    WholeTextMessages(WebSocketHandler delegate, int maxMessageChars) {
        super(delegate);
        this.maxMessageChars = maxMessageChars;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        // Spring's STOMP handler raises the session's limits to its 16 KiB minimum; parts keep them small
        session.setTextMessageSizeLimit(PART_SIZE);
        session.setBinaryMessageSizeLimit(PART_SIZE);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        if (!(message instanceof TextMessage text)) {
            super.handleMessage(session, message);
            return;
        }
        StringBuilder parts = (StringBuilder) session.getAttributes().get(PARTS);
        if (parts == null && text.isLast()) {
            super.handleMessage(session, text);
            return;
        }
        if (parts == null) {
            parts = new StringBuilder(2 * PART_SIZE);
            session.getAttributes().put(PARTS, parts);
        }
        if (!session.getAttributes().containsKey(OVERSIZED)) {
            parts.append(text.getPayload());
            if (parts.length() > maxMessageChars) {
                // past the frame limit: the rest is not kept; STOMP refuses what it gets with a clear error
                session.getAttributes().put(OVERSIZED, Boolean.TRUE);
            }
        }
        if (text.isLast()) {
            session.getAttributes().remove(PARTS);
            session.getAttributes().remove(OVERSIZED);
            super.handleMessage(session, new TextMessage(parts.toString()));
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        session.getAttributes().remove(PARTS);
        super.afterConnectionClosed(session, closeStatus);
    }
}
