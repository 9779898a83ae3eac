package io.parley.chat;

import java.util.UUID;

/**
 * A request to store a message.
 *
 * @param clientMessageId idempotency key: a second post with the same key returns the first message
 * @param payload structured content (bot and system messages), may be null
 */
public record PostMessage(UUID conversationId, Author author, String text, MessageContent payload,
        String clientMessageId) {
}
