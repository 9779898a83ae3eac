package io.parley.handoff;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.parley.chat.ConversationState;

/**
 * One conversation's time with people: the queue's details (team, reason, hours, contact, wait, rating) next to its
 * owner. The owner ({@link #state()}, {@link #agentId()}) is chat's {@link io.parley.chat.Conversation}, which alone
 * decides which transitions are legal; it is read here, never stored here.
 *
 * @param agentId the assignee while {@link ConversationState#ASSIGNED}, else null
 * @param awaitingFirstResponse true from queueing until the first agent reply (measures the wait)
 * @param resolvedBy the agent who resolved it last, null when the bot did
 */
public record Handoff(UUID conversationId, ConversationState state, UUID agentId, UUID teamId, String reason,
        String question, boolean outOfHours, String contactEmail, Instant queuedAt, Instant assignedAt,
        Instant resolvedAt, UUID resolvedBy, boolean resolvedByBot, boolean awaitingFirstResponse, Rating rating,
        Instant updatedAt) {

    /** @param at when the customer rated */
    public record Rating(int score, String comment, Instant at) {
    }

    static Handoff withBot(UUID conversationId, Instant now) {
        return new Handoff(conversationId, ConversationState.BOT, null, null, null, null, false, null, null, null, null,
                null, false, false, null, now);
    }

    public boolean assignedTo(UUID agent) {
        return state == ConversationState.ASSIGNED && Objects.equals(agentId, agent);
    }

    /** Whether the customer may rate it: after an agent resolved it, or the bot did with a confirmed answer. */
    public boolean rateable() {
        return state == ConversationState.RESOLVED || (state == ConversationState.BOT && resolvedByBot);
    }

    /**
     * To the queue: handed off by the bot, transferred to the queue, or reopened by the customer.
     *
     * @param fresh a new hand-off (from the bot or a resolution): a new wait and reason; else a transfer keeps both
     */
    Handoff queue(boolean fresh, String reason, String question, UUID teamId, boolean outOfHours, Instant now) {
        return new Handoff(conversationId, ConversationState.QUEUED, null, teamId, fresh && reason != null ? reason : this.reason,
                question != null ? question : this.question, outOfHours, contactEmail, fresh ? now : queuedAt, null,
                resolvedAt, resolvedBy, false, fresh || awaitingFirstResponse, rating, now);
    }

    /** To an agent: a claim or routing from the queue, or a transfer from the current assignee. */
    Handoff assign(UUID agent, Instant now) {
        return new Handoff(conversationId, ConversationState.ASSIGNED, agent, teamId, reason, question, outOfHours,
                contactEmail, queuedAt, now, resolvedAt, resolvedBy, false, awaitingFirstResponse, rating, now);
    }

    Handoff resolve(UUID agent, Instant now) {
        return new Handoff(conversationId, ConversationState.RESOLVED, null, teamId, reason, question, outOfHours,
                contactEmail, queuedAt, assignedAt, now, agent, false, false, null, now);
    }

    /** Back to the bot: an agent returns it, or the customer writes again after it was resolved. */
    Handoff returnToBot(Instant now) {
        return new Handoff(conversationId, ConversationState.BOT, null, teamId, reason, question, false, contactEmail,
                queuedAt, assignedAt, resolvedAt, resolvedBy, false, false, rating, now);
    }

    /** The customer confirmed the bot's answer: a bot resolution (the bot keeps the conversation). */
    Handoff resolvedByTheBot(Instant now) {
        if (state != ConversationState.BOT) {
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

    /** A transfer to another team's queue: the placement that follows keeps this team. */
    Handoff withTeam(UUID team, Instant now) {
        return new Handoff(conversationId, state, agentId, team, reason, question, outOfHours, contactEmail, queuedAt,
                assignedAt, resolvedAt, resolvedBy, resolvedByBot, awaitingFirstResponse, rating, now);
    }

    Handoff withContact(String email, Instant now) {
        return new Handoff(conversationId, state, agentId, teamId, reason, question, outOfHours, email, queuedAt,
                assignedAt, resolvedAt, resolvedBy, resolvedByBot, awaitingFirstResponse, rating, now);
    }

    Handoff responded(Instant now) {
        return new Handoff(conversationId, state, agentId, teamId, reason, question, outOfHours, contactEmail,
                queuedAt, assignedAt, resolvedAt, resolvedBy, resolvedByBot, false, rating, now);
    }
}
