package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation was resolved: by an agent, or by the bot when the customer confirmed its answer helped.
 *
 * @param agentId the resolving agent, null for a bot resolution
 */
public record ConversationResolved(UUID conversationId, UUID customerId, boolean byBot, UUID agentId, Instant at) {
}
