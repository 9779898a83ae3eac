package io.parley.handoff;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who owns one conversation, and the only place its state changes: each intent-named method returns the next
 * state or refuses an illegal transition ({@code illegal_transition}).
 *
 * @param agentId the assignee while {@link HandoffState#ASSIGNED}, else null
 * @param awaitingFirstResponse true from queueing until the first agent reply (measures the wait)
 * @param resolvedBy the agent who resolved it last, null when the bot did
 */
public record Handoff(UUID conversationId, HandoffState state, UUID agentId, UUID teamId, String reason,
        String question, boolean outOfHours, String contactEmail, Instant queuedAt, Instant assignedAt,
        Instant resolvedAt, UUID resolvedBy, boolean resolvedByBot, boolean awaitingFirstResponse, Rating rating,
        Instant updatedAt) {

    private static final Map<HandoffState, Set<HandoffState>> ALLOWED = Map.of(
            HandoffState.BOT, EnumSet.of(HandoffState.QUEUED),
            HandoffState.QUEUED, EnumSet.of(HandoffState.ASSIGNED),
            HandoffState.ASSIGNED, EnumSet.of(HandoffState.RESOLVED, HandoffState.BOT, HandoffState.QUEUED, HandoffState.ASSIGNED),
            HandoffState.RESOLVED, EnumSet.of(HandoffState.BOT, HandoffState.QUEUED));

    /** @param at when the customer rated */
    public record Rating(int score, String comment, Instant at) {
    }

    static Handoff withBot(UUID conversationId, Instant now) {
        return new Handoff(conversationId, HandoffState.BOT, null, null, null, null, false, null, null, null, null,
                null, false, false, null, now);
    }

    public boolean assignedTo(UUID agent) {
        return state == HandoffState.ASSIGNED && Objects.equals(agentId, agent);
    }

    /** Whether the customer may rate it: after an agent resolved it, or the bot did with a confirmed answer. */
    public boolean rateable() {
        return state == HandoffState.RESOLVED || (state == HandoffState.BOT && resolvedByBot);
    }

    /** To the queue: handed off by the bot, transferred to the queue, or reopened by the customer. */
    Handoff queue(String reason, String question, UUID teamId, boolean outOfHours, Instant now) {
        require(HandoffState.QUEUED);
        boolean fresh = state != HandoffState.ASSIGNED;
        return new Handoff(conversationId, HandoffState.QUEUED, null, teamId, fresh && reason != null ? reason : this.reason,
                question != null ? question : this.question, outOfHours, contactEmail, fresh ? now : queuedAt, null,
                resolvedAt, resolvedBy, false, fresh || awaitingFirstResponse, rating, now);
    }

    /** To an agent: a claim or routing from the queue, or a transfer from the current assignee. */
    Handoff assign(UUID agent, Instant now) {
        require(HandoffState.ASSIGNED);
        if (state == HandoffState.ASSIGNED && Objects.equals(agentId, agent)) {
            throw HandoffException.illegal("The conversation is already assigned to this agent");
        }
        return new Handoff(conversationId, HandoffState.ASSIGNED, agent, teamId, reason, question, outOfHours,
                contactEmail, queuedAt, now, resolvedAt, resolvedBy, false, awaitingFirstResponse, rating, now);
    }

    Handoff resolve(UUID agent, Instant now) {
        require(HandoffState.RESOLVED);
        return new Handoff(conversationId, HandoffState.RESOLVED, null, teamId, reason, question, outOfHours,
                contactEmail, queuedAt, assignedAt, now, agent, false, false, null, now);
    }

    /** Back to the bot: an agent returns it, or the customer writes again after it was resolved. */
    Handoff returnToBot(Instant now) {
        require(HandoffState.BOT);
        return new Handoff(conversationId, HandoffState.BOT, null, teamId, reason, question, false, contactEmail,
                queuedAt, assignedAt, resolvedAt, resolvedBy, false, false, rating, now);
    }

    /** The customer confirmed the bot's answer: a bot resolution (the bot keeps the conversation). */
    Handoff resolvedByTheBot(Instant now) {
        if (state != HandoffState.BOT) {
            throw HandoffException.illegal("Only a conversation the bot owns can be resolved by the bot");
        }
        return new Handoff(conversationId, state, null, teamId, reason, question, false, contactEmail, queuedAt,
                assignedAt, now, null, true, false, null, now);
    }

    Handoff rated(int score, String comment, Instant now) {
        if (!rateable()) {
            throw new HandoffException(409, "rating_not_open", "This conversation can be rated once it is resolved");
        }
        return new Handoff(conversationId, state, agentId, teamId, reason, question, outOfHours, contactEmail,
                queuedAt, assignedAt, resolvedAt, resolvedBy, resolvedByBot, awaitingFirstResponse,
                new Rating(score, comment, now), now);
    }

    Handoff withContact(String email, Instant now) {
        return new Handoff(conversationId, state, agentId, teamId, reason, question, outOfHours, email, queuedAt,
                assignedAt, resolvedAt, resolvedBy, resolvedByBot, awaitingFirstResponse, rating, now);
    }

    Handoff responded(Instant now) {
        return new Handoff(conversationId, state, agentId, teamId, reason, question, outOfHours, contactEmail,
                queuedAt, assignedAt, resolvedAt, resolvedBy, resolvedByBot, false, rating, now);
    }

    private void require(HandoffState to) {
        if (!ALLOWED.get(state).contains(to)) {
            throw HandoffException.illegal("A " + state.json() + " conversation cannot become " + to.json());
        }
    }
}
