package io.parley.chat.web;

import java.nio.charset.StandardCharsets;

import io.parley.core.ParleyException;
import io.parley.core.Unavailable;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MimeTypeUtils;

/**
 * Builds the ERROR frame for refused or unparseable client frames: the {@code message} header carries the reason,
 * a {@code code} header the stable error code, and the body both as JSON.
 */
class StompErrors extends StompSubProtocolErrorHandler {

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        return errorFrame(clientMessage, ex);
    }

    static Message<byte[]> errorFrame(Message<byte[]> clientMessage, Throwable ex) {
        ParleyException known = find(ex);
        boolean unavailable = known == null && Unavailable.is(ex);
        String code = known != null ? known.code() : unavailable ? Unavailable.CODE : "malformed_frame";
        String reason = known != null ? known.getMessage() : unavailable ? Unavailable.REASON
                : "Could not process the frame: " + rootMessage(ex);
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(reason);
        accessor.setNativeHeader("code", code);
        accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (clientMessage != null) {
            StompHeaderAccessor client = MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
            if (client != null && client.getReceipt() != null) {
                accessor.setReceiptId(client.getReceipt());
            }
        }
        accessor.setLeaveMutable(true);
        String body = "{\"code\":\"" + escape(code) + "\",\"reason\":\"" + escape(reason) + "\"}";
        return MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders());
    }

    private static ParleyException find(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ParleyException p) {
                return p;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
