package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

import io.parley.chat.ConversationState;

/**
 * One stored transition of a conversation's ownership (the record of who, when, why), as the agents' conversation
 * view lists them; the live event is chat's {@link io.parley.chat.ConversationStateChanged}.
 *
 * @param agentId the agent who owns the conversation after the transition (ASSIGNED), else null
 * @param actorId the staff member who caused it, null when the customer or the bot did
 * @param reason a reason code: customer_request, missing_knowledge, sensitive_topic codes (billing_dispute, ...),
 *     negative_feedback, frustration, agent_initiated, claimed, routed, transferred, resolved, returned_to_bot,
 *     customer_returned
 */
public record OwnershipChanged(UUID conversationId, UUID customerId, ConversationState from, ConversationState to,
        UUID agentId, UUID actorId, String reason, Instant at) {
}
