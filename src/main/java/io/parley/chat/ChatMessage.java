package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One message in a conversation. {@code seq} is gapless and increasing per conversation, so a client that knows
 * the last seq it saw can ask for exactly what it missed.
 *
 * @param payload the structured content of a bot or system message (answer, queue notice, ...), null for plain text
 * @param clientMessageId the sender's idempotency key, null for server-authored messages
 */
public record ChatMessage(UUID id, UUID conversationId, long seq, Author author, String text,
        @JsonDeserialize(using = MessageContentReader.class) MessageContent payload, String clientMessageId, Instant createdAt) {
}
