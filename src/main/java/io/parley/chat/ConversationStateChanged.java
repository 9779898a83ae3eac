package io.parley.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * The one event of a change of ownership, published by the conversation's owner (chat) in the transaction that made
 * it: the bot/human switch, the agents' inbox, the ticket's history and the handoff module's queue all follow it.
 *
 * @param assignee the agent who owns the conversation after the transition ({@link ConversationState#ASSIGNED}), else null
 * @param previousAssignee the agent who owned it before, else null
 * @param actorId the staff member who caused it, null when the customer or the bot did
 * @param reason a reason code: customer_request, missing_knowledge, sensitive topic codes (billing_dispute, ...),
 *     negative_feedback, frustration, agent_initiated, agent_away, claimed, routed, transferred, resolved,
 *     returned_to_bot, customer_returned
 * @param question the customer's question that caused a hand-off, else null
 */
public record ConversationStateChanged(UUID conversationId, UUID customerId, String locale, ConversationState from,
        ConversationState to, UUID assignee, UUID previousAssignee, UUID actorId, String reason, String question,
        Instant at) {

    /** Whether the bot/human switch moved (the customer's status frame). */
    public boolean responderChanged() {
        return from.responder() != to.responder();
    }

    /** Whether an agent lost the conversation (to another agent, the queue, the bot or a resolution). */
    public boolean unassigned() {
        return previousAssignee != null && !previousAssignee.equals(assignee);
    }

    /** Whether it newly left the bot (or a resolution) for people: a hand-off rather than a transfer. */
    public boolean handedOff() {
        return to == ConversationState.QUEUED && (from == ConversationState.BOT || from == ConversationState.RESOLVED);
    }
}
