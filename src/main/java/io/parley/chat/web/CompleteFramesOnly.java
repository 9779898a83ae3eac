package io.parley.chat.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Every WebSocket message to {@code /ws} must hold whole STOMP frames (issue #15). Spring buffers an incomplete
 * frame ({@code \0\0\0}, a body shorter than its content-length, a missing NUL) and waits for the rest, so a
 * malformed client got no answer at all. Our clients never split frames (stomp.js sends one frame per message), so
 * a message that leaves a partial frame behind is refused with an ERROR frame ({@code malformed_frame}) and the
 * socket is closed. Frames that do not parse are left to Spring's decoder, which answers them with an ERROR too.
 */
class CompleteFramesOnly extends WebSocketHandlerDecorator {

    private static final StompEncoder ENCODER = new StompEncoder();

    CompleteFramesOnly(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        ByteBuffer payload = message instanceof TextMessage text ? ByteBuffer.wrap(text.asBytes())
                : message instanceof BinaryMessage binary ? binary.getPayload().duplicate() : null;
        if (payload != null && leavesPartialFrame(payload)) {
            IllegalArgumentException reason = new IllegalArgumentException(
                    "incomplete STOMP frame (each WebSocket message must hold whole frames, each ending in NUL)");
            byte[] frame = ENCODER.encode(StompErrors.errorFrame(null, reason));
            session.sendMessage(new TextMessage(new String(frame, StandardCharsets.UTF_8)));
            session.close(CloseStatus.PROTOCOL_ERROR);
            return;
        }
        super.handleMessage(session, message);
    }

    static boolean leavesPartialFrame(ByteBuffer payload) {
        try {
            new StompDecoder().decode(payload);
        }
        catch (RuntimeException unparseable) {
            return false; // Spring's own decoding fails the same way and sends the ERROR
        }
        while (payload.hasRemaining()) {
            byte b = payload.get();
            if (b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }
}
