package io.parley.chat;

import java.util.UUID;

/** A reader (the customer, or the support side) has read a conversation up to {@code seq}. */
public record ConversationRead(UUID conversationId, AuthorType reader, long seq) {
}
