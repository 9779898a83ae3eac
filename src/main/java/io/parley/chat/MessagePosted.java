package io.parley.chat;

import java.util.UUID;

/**
 * A message was stored in a conversation (published inside the storing transaction; listeners that talk to
 * clients act after commit).
 */
public record MessagePosted(UUID conversationId, UUID customerId, ChatMessage message) {
}
