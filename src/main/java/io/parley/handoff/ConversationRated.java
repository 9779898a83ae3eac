package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer rated a resolved conversation (CSAT).
 *
 * @param score 1 to 5
 * @param agentId the agent who resolved it, null when the bot did
 */
public record ConversationRated(UUID conversationId, UUID customerId, int score, String comment, UUID agentId,
        Instant at) {
}
