package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A line in the customer's thread list.
 *
 * @param lastMessage the newest message, null for a conversation without messages
 * @param unreadCount messages from the support side the customer has not read yet
 */
public record ConversationSummary(UUID id, String subject, String locale, Instant createdAt, Instant lastMessageAt,
        long lastSeq, ChatMessage lastMessage, long unreadCount) {
}
