package io.parley.chat;

import java.util.UUID;

/** A customer started a new conversation. */
public record ConversationStarted(UUID conversationId, UUID customerId, String locale) {
}
