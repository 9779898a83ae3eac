package io.parley.chat;

import java.util.UUID;

import io.parley.core.ParleyException;

/** Errors of the chat module, each with a stable code. */
public class ChatException extends ParleyException {

    ChatException(int status, String code, String message) {
        super(status, code, message);
    }

    static ChatException conversationNotFound(Object id) {
        return new ChatException(404, "conversation_not_found", "Unknown conversation " + id);
    }

    static ChatException accessDenied(UUID id) {
        return new ChatException(403, "conversation_forbidden", "You may not access conversation " + id);
    }

    static ChatException illegalTransition(String message) {
        return new ChatException(409, "illegal_transition", message);
    }

    static ChatException invalidMessage(String code, String message) {
        return new ChatException(400, code, message);
    }
}
