package io.parley.chat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One message in a conversation. {@code seq} is gapless and increasing per conversation, so a client that knows
 * the last seq it saw can ask for exactly what it missed.
 *
 * @param payload optional structured content (sources, quick replies, ...), null when absent
 * @param clientMessageId the sender's idempotency key, null for server-authored messages
 */
public record ChatMessage(UUID id, UUID conversationId, long seq, Author author, String text,
        Map<String, Object> payload, String clientMessageId, Instant createdAt) {
}
