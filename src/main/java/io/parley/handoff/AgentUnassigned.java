package io.parley.handoff;

import java.util.UUID;

/**
 * An agent no longer has a conversation (transferred, returned to the bot, resolved); published with the
 * {@link OwnershipChanged} that caused it, which names only the new owner.
 */
public record AgentUnassigned(UUID conversationId, UUID agentId, HandoffState to, String reason) {
}
