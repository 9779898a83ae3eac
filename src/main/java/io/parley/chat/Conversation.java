package io.parley.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A thread between one customer and the support side (bot or agents), and the one owner of who answers it: each
 * intent-named transition returns the next conversation or refuses an illegal one ({@code illegal_transition}).
 *
 * @param lastSeq seq of the newest message, 0 when empty
 * @param customerReadSeq the customer has read everything up to this seq
 * @param agentReadSeq the support side has read everything up to this seq
 * @param state who owns the conversation now (see {@link ConversationState})
 * @param assignee the agent while {@link ConversationState#ASSIGNED}, else null
 */
public record Conversation(UUID id, UUID customerId, String subject, String locale, long lastSeq,
        long customerReadSeq, long agentReadSeq, Instant createdAt, Instant lastMessageAt, ConversationState state,
        UUID assignee) {

    /** Who answers the customer now: the bot, or a person (queued, assigned, or resolved until they write again). */
    public Responder responder() {
        return state.responder();
    }

    public boolean botResponds() {
        return state == ConversationState.BOT;
    }

    /** To the people's queue: the bot hands over, an agent claims it from the bot, a transfer or a reopening. */
    Conversation queued() {
        return to(ConversationState.QUEUED, null);
    }

    /** To one agent: claimed or routed from the queue, or transferred from the current assignee. */
    Conversation assignedTo(UUID agent) {
        Objects.requireNonNull(agent, "agent");
        if (state == ConversationState.ASSIGNED && agent.equals(assignee)) {
            throw ChatException.illegalTransition("The conversation is already assigned to this agent");
        }
        return to(ConversationState.ASSIGNED, agent);
    }

    Conversation resolved() {
        return to(ConversationState.RESOLVED, null);
    }

    /** Back to the bot: an agent returns it, or the customer writes again after it was resolved. */
    Conversation returnedToBot() {
        return to(ConversationState.BOT, null);
    }

    private Conversation to(ConversationState next, UUID agent) {
        if (!state.canBecome(next)) {
            throw ChatException.illegalTransition("A " + state.json() + " conversation cannot become " + next.json());
        }
        return new Conversation(id, customerId, subject, locale, lastSeq, customerReadSeq, agentReadSeq, createdAt,
                lastMessageAt, next, agent);
    }
}
