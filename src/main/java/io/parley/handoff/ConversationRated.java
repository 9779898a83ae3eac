package io.parley.handoff;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer rated a resolved conversation (CSAT).
 *
 * A resolution has one rating: rating it again replaces the earlier one, so listeners key it by
 * {@code (conversationId, resolvedAt)} and count it once.
 *
 * @param score 1 to 5
 * @param agentId the agent who resolved it, null when the bot did
 * @param resolvedAt when the rated resolution happened: the identity of the rating
 */
public record ConversationRated(UUID conversationId, UUID customerId, int score, String comment, UUID agentId,
        Instant at, Instant resolvedAt) {

    /** A rating of a resolution at {@code at} (for callers that do not know the resolution apart). */
    public ConversationRated(UUID conversationId, UUID customerId, int score, String comment, UUID agentId, Instant at) {
        this(conversationId, customerId, score, comment, agentId, at, at);
    }
}
